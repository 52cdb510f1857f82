import { randomBytes } from "node:crypto";
import { JsonObjectScanner } from "./json-object-scanner";

type ToolCall = Record<string, unknown> & { index?: unknown; id?: unknown; function?: Record<string, unknown> };

export const newToolCallId = () => `call_${randomBytes(12).toString("base64url")}`;

/**
 * Gives streamed tool-call deltas the stable `index` OpenAI clients need (docs/ROUTING.md, "Adapters"): by id when the
 * provider omits index (Gemini), a new call when a complete argument object is followed by
 * another one on the same index, and Ollama's top-level name/arguments moved into `function`.
 */
export class ToolCallIndexer {
  private byId = new Map<string, number>();
  private byUpstream = new Map<number, number>();
  private names = new Map<number, unknown>();
  private scanners = new Map<number, JsonObjectScanner>();
  private next = 0;
  count = 0;

  map(deltas: unknown[]): ToolCall[] {
    const out: ToolCall[] = [];
    for (const raw of deltas) {
      if (typeof raw !== "object" || raw === null) continue;
      const call = fixShape({ ...(raw as ToolCall) });
      const id = typeof call.id === "string" && call.id !== "" ? call.id : null;
      const upstream = typeof call.index === "number" ? call.index : null;
      let index: number;
      if (id !== null && this.byId.has(id)) index = this.byId.get(id)!;
      else if (id === null && upstream !== null && this.byUpstream.has(upstream)) index = this.byUpstream.get(upstream)!;
      else index = this.open(id);
      if (upstream !== null) this.byUpstream.set(upstream, index);
      this.emit(call, index, upstream, out);
    }
    return out;
  }

  private open(id: string | null): number {
    const index = this.next++;
    this.count++;
    if (id) this.byId.set(id, index);
    return index;
  }

  private emit(call: ToolCall, index: number, upstream: number | null, out: ToolCall[]): void {
    const fn = call.function ?? {};
    const args = typeof fn.arguments === "string" ? fn.arguments : "";
    let scanner = this.scanners.get(index);
    if (!scanner) this.scanners.set(index, (scanner = new JsonObjectScanner()));
    const wasComplete = scanner.complete;
    const split = scanner.feed(args);
    if (split === -1) {
      out.push(this.finish(call, index));
      return;
    }
    // A second object on the same call: the first part stays, the rest opens a new call.
    if (split > 0 || !wasComplete) out.push(this.finish({ ...call, function: { ...fn, arguments: args.slice(0, split) } }, index));
    const nextIndex = this.open(null);
    if (upstream !== null) this.byUpstream.set(upstream, nextIndex);
    const name = fn.name ?? this.names.get(index);
    this.emit({ type: "function", function: { name, arguments: args.slice(split) } }, nextIndex, upstream, out);
  }

  private finish(call: ToolCall, index: number): ToolCall {
    const first = !this.names.has(index);
    const fn = call.function ?? {};
    if (first) {
      this.names.set(index, fn.name);
      if (typeof call.id !== "string" || call.id === "") call.id = newToolCallId();
      call.type = "function";
    } else if (call.id === "") delete call.id;
    call.index = index;
    return call;
  }
}

function fixShape(call: ToolCall): ToolCall {
  if (!call.function && (call.name !== undefined || call.arguments !== undefined)) {
    call.function = { name: call.name, arguments: call.arguments };
    delete call.name;
    delete call.arguments;
  }
  if (call.function && typeof call.function.arguments === "object" && call.function.arguments !== null) {
    call.function = { ...call.function, arguments: JSON.stringify(call.function.arguments) };
  }
  return call;
}
