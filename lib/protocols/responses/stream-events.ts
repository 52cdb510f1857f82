import type { ChatStreamEvent, ChatUsage } from "@/lib/protocols/chat-stream-events";
import { incompleteReason, itemId, responseObject, toResponseUsage, type OutputItem, type ResponseFrame, type ResponseStatus } from "./response-object";
import type { ResponsesRequest } from "./schemas";
import type { TranslatedRequest } from "./to-chat-request";

type Open =
  | { kind: "reasoning"; index: number; id: string; text: string }
  | { kind: "message"; index: number; id: string; text: string }
  | { kind: "function_call"; index: number; id: string; callId: string; name: string; args: string; namespace?: string };
type TextItem = Extract<Open, { kind: "reasoning" | "message" }>;

/**
 * The Responses event sequence over the gateway's chat events, one frame per event as they
 * arrive: created, in_progress, then each output item (reasoning as a summary, the message, each
 * function call) opened, filled and closed, and a terminal `response.completed` /
 * `response.incomplete` / `response.failed` carrying the whole Response.
 */
export async function* responseStreamFrames(
  events: AsyncGenerator<ChatStreamEvent>,
  request: ResponsesRequest,
  translated: TranslatedRequest,
  id: string,
): AsyncGenerator<string> {
  let sequence = 0;
  const frame = (type: string, fields: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: sequence++ })}\n\n`;
  const head: ResponseFrame = { id, createdAt: Math.floor(Date.now() / 1000), model: request.model };
  const output: OutputItem[] = [];
  const snapshot = (status: ResponseStatus, extra: { usage?: ChatUsage | null; finish?: string | null; error?: { code: string; message: string } } = {}) =>
    responseObject(request, translated, head, {
      status,
      output,
      usage: extra.usage === undefined ? null : toResponseUsage(extra.usage),
      finish: extra.finish,
      error: extra.error,
    });

  // The gateway has already chosen a provider: its first chunk names the model that answers.
  const first = await events.next();
  const metaFirst = !first.done && first.value.type === "meta";
  if (!first.done && first.value.type === "meta") {
    head.model = first.value.model || request.model;
    head.createdAt = first.value.created;
  }
  yield frame("response.created", { response: snapshot("in_progress") });
  yield frame("response.in_progress", { response: snapshot("in_progress") });

  // The reasoning or message item being written (one at a time), held in an object so the
  // helper generators below can swap it.
  const current: { text: TextItem | null } = { text: null };
  const tools = new Map<number, Extract<Open, { kind: "function_call" }>>();
  let finish: string | null = null;
  let usage: ChatUsage | null = null;

  function* close(item: Open, status: "completed" | "incomplete"): Generator<string> {
    const at = { item_id: item.id, output_index: item.index };
    if (item.kind === "reasoning") {
      const part = { type: "summary_text", text: item.text };
      yield frame("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: item.text });
      yield frame("response.reasoning_summary_part.done", { ...at, summary_index: 0, part });
      output[item.index] = { type: "reasoning", id: item.id, summary: [part as { type: "summary_text"; text: string }] };
    } else if (item.kind === "message") {
      const part = { type: "output_text" as const, text: item.text, annotations: [] as [], logprobs: [] as [] };
      yield frame("response.output_text.done", { ...at, content_index: 0, text: item.text, logprobs: [] });
      yield frame("response.content_part.done", { ...at, content_index: 0, part });
      output[item.index] = { type: "message", id: item.id, role: "assistant", status, content: [part] };
    } else {
      yield frame("response.function_call_arguments.done", { ...at, name: item.name, arguments: item.args });
      output[item.index] = functionCall(item, "completed");
    }
    yield frame("response.output_item.done", { output_index: item.index, item: output[item.index] });
  }
  function* closeText(): Generator<string> {
    if (current.text) yield* close(current.text, "completed");
    current.text = null;
  }
  function* closeTools(): Generator<string> {
    for (const tool of tools.values()) yield* close(tool, "completed");
    tools.clear();
  }
  function* open(kind: "reasoning" | "message"): Generator<string, TextItem> {
    yield* closeTools();
    yield* closeText();
    const index = output.length;
    if (kind === "reasoning") {
      const item: OutputItem = { type: "reasoning", id: itemId("rs"), summary: [] };
      output.push(item);
      yield frame("response.output_item.added", { output_index: index, item });
      yield frame("response.reasoning_summary_part.added", {
        item_id: item.id,
        output_index: index,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
      return (current.text = { kind, index, id: item.id, text: "" });
    } else {
      const item: OutputItem = { type: "message", id: itemId("msg"), role: "assistant", status: "in_progress", content: [] };
      output.push(item);
      yield frame("response.output_item.added", { output_index: index, item });
      yield frame("response.content_part.added", {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part: { type: "output_text", text: "", annotations: [], logprobs: [] },
      });
      return (current.text = { kind, index, id: item.id, text: "" });
    }
  }

  // A plain loop over the decoder rather than another generator layer: this runs once per delta.
  try {
    for (let next = metaFirst ? await events.next() : first; !next.done; next = await events.next()) {
      const event = next.value;
      switch (event.type) {
        case "reasoning": {
          const item = current.text?.kind === "reasoning" ? current.text : yield* open("reasoning");
          item.text += event.text;
          yield frame("response.reasoning_summary_text.delta", { item_id: item.id, output_index: item.index, summary_index: 0, delta: event.text });
          break;
        }
        case "text": {
          const item = current.text?.kind === "message" ? current.text : yield* open("message");
          item.text += event.text;
          yield frame("response.output_text.delta", { item_id: item.id, output_index: item.index, content_index: 0, delta: event.text, logprobs: [] });
          break;
        }
        case "tool_call_start": {
          yield* closeText();
          const namespace = translated.namespaces.get(event.name);
          const call: Extract<Open, { kind: "function_call" }> = {
            kind: "function_call",
            index: output.length,
            id: itemId("fc"),
            callId: event.id,
            name: event.name,
            args: "",
            namespace,
          };
          tools.set(event.index, call);
          output.push(functionCall(call, "in_progress"));
          yield frame("response.output_item.added", { output_index: call.index, item: output[call.index] });
          break;
        }
        case "tool_call_args": {
          const call = tools.get(event.index);
          if (!call) break;
          call.args += event.args;
          yield frame("response.function_call_arguments.delta", { item_id: call.id, output_index: call.index, delta: event.args });
          break;
        }
        case "finish":
          finish = event.reason;
          break;
        case "usage":
          usage = event.usage;
          break;
        case "error":
          // Open items stay as they were: the failed Response shows how far the answer got.
          for (const item of [current.text, ...tools.values()]) if (item) output[item.index] = snapshotOf(item);
          yield frame("response.failed", { response: snapshot("failed", { usage, error: { code: "server_error", message: event.message } }) });
          return;
        case "done": {
          const incomplete = incompleteReason(finish) !== null;
          if (current.text) yield* close(current.text, incomplete ? "incomplete" : "completed");
          current.text = null;
          yield* closeTools();
          const status = incomplete ? "incomplete" : "completed";
          yield frame(incomplete ? "response.incomplete" : "response.completed", { response: snapshot(status, { usage, finish }) });
          return;
        }
      }
    }
  } finally {
    await events.return(undefined);
  }
  yield frame("response.failed", {
    response: snapshot("failed", { usage, error: { code: "server_error", message: "The stream ended before the answer was complete." } }),
  });
}

function functionCall(call: Extract<Open, { kind: "function_call" }>, status: "in_progress" | "completed" | "incomplete"): OutputItem {
  return {
    type: "function_call",
    id: call.id,
    call_id: call.callId,
    name: call.name,
    arguments: call.args,
    status,
    ...(call.namespace ? { namespace: call.namespace } : {}),
  };
}

function snapshotOf(item: Open): OutputItem {
  if (item.kind === "function_call") return functionCall(item, "incomplete");
  if (item.kind === "reasoning") return { type: "reasoning", id: item.id, summary: [{ type: "summary_text", text: item.text }], status: "incomplete" };
  return {
    type: "message",
    id: item.id,
    role: "assistant",
    status: "incomplete",
    content: [{ type: "output_text", text: item.text, annotations: [], logprobs: [] }],
  };
}
