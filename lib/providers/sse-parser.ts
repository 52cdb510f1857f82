export interface SseEvent {
  event: string | null;
  data: string;
}

/**
 * Incremental SSE framing (docs/ROUTING.md, "Streaming"): feed decoded text as it arrives, get complete events back.
 * Lines may end in \n, \r\n or \r; `:` lines are comments (OpenRouter keep-alives);
 * `data:` with or without the space; multi-line data joins with \n; a blank line dispatches.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event: string | null = null;

  /** `onComment` receives each comment's text (without the colon), for relays that pass them on. */
  constructor(private readonly onComment?: (text: string) => void) {}

  push(text: string): SseEvent[] {
    const buffer = this.buffer + text;
    const events: SseEvent[] = [];
    let start = 0;
    // Line ends found with indexOf, not char by char: most streams have no \r, so that search runs once.
    let lf = buffer.indexOf("\n");
    let cr = buffer.indexOf("\r");
    while (lf !== -1 || cr !== -1) {
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      // A \r at the very end may be the first half of \r\n: wait for more.
      if (end === cr && cr === buffer.length - 1) break;
      this.line(buffer.slice(start, end), events);
      start = end === cr && buffer.charCodeAt(cr + 1) === 10 ? cr + 2 : end + 1;
      if (lf !== -1 && lf < start) lf = buffer.indexOf("\n", start);
      if (cr !== -1 && cr < start) cr = buffer.indexOf("\r", start);
    }
    this.buffer = buffer.slice(start);
    return events;
  }

  /** End of input: an event without its blank line still counts; returns whether text was left over. */
  end(): { events: SseEvent[]; partial: boolean } {
    const events: SseEvent[] = [];
    const rest = this.buffer.replace(/\r$/, "");
    if (rest) this.line(rest, events);
    this.buffer = "";
    const partial = this.data.length > 0;
    this.dispatch(events);
    return { events, partial };
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === "") return this.dispatch(events);
    if (line.charCodeAt(0) === 58) return this.onComment?.(line.slice(1).trimStart());
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length > 0) events.push({ event: this.event, data: this.data.join("\n") });
    this.data = [];
    this.event = null;
  }
}

export type SsePayload =
  { type: "done" } | { type: "chunk"; json: Record<string, unknown> } | { type: "error"; json: Record<string, unknown> } | { type: "malformed"; data: string };

/** What one event means for a chat stream: a chunk, the end, or an in-band failure. */
export function interpretSseEvent(event: SseEvent): SsePayload {
  const data = event.data.trim();
  if (data === "[DONE]") return { type: "done" };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: "malformed", data };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { type: "malformed", data };
  const object = json as Record<string, unknown>;
  const choices = Array.isArray(object.choices) ? (object.choices as Array<Record<string, unknown>>) : null;
  const finishedWithError = choices?.some((c) => c?.finish_reason === "error") ?? false;
  if (event.event === "error" || (object.error != null && (!choices || choices.length === 0 || finishedWithError)) || finishedWithError) {
    return { type: "error", json: object };
  }
  return { type: "chunk", json: object };
}
