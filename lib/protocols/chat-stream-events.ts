import { interpretSseEvent, SseParser } from "@/lib/providers/sse-parser";

/** Token counts as the gateway's chat stream reports them (OpenAI field names, details kept). */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/**
 * What a protocol translator needs from the gateway's Chat Completions stream, one event at a
 * time. The gateway has already normalized every provider's dialect (reasoning in
 * `reasoning_content`, tool-call deltas indexed, `finish_reason: tool_calls`).
 */
export type ChatStreamEvent =
  | { type: "meta"; id: string; model: string; created: number }
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool_call_start"; index: number; id: string; name: string }
  | { type: "tool_call_args"; index: number; args: string }
  /** `stopString`: the stop string the upstream says it matched (vLLM-based hosts send `stop_reason`). */
  | { type: "finish"; reason: string; stopString?: string }
  | { type: "usage"; usage: ChatUsage }
  /** The upstream broke off after the answer began: the client must see a failed end, not a clean one. */
  | { type: "error"; message: string; code: string | null }
  | { type: "done" };

interface ChunkToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/**
 * Decodes the gateway's SSE stream (choice 0 only: the gateway serves n=1). Ends with `done` or
 * `error`. Comments (heartbeats, warnings) go to `onComment`.
 */
export async function* readChatStream(reader: ReadableStreamDefaultReader<Uint8Array>, onComment?: (text: string) => void): AsyncGenerator<ChatStreamEvent> {
  const parser = new SseParser(onComment);
  const decoder = new TextDecoder();
  const started = new Set<number>();
  let meta = false;
  for (;;) {
    const { value, done } = await reader.read();
    const events = done ? [...parser.push(decoder.decode()), ...parser.end().events] : parser.push(decoder.decode(value, { stream: true }));
    for (const event of events) {
      const payload = interpretSseEvent(event);
      if (payload.type === "done") return yield { type: "done" };
      if (payload.type === "malformed") continue;
      const json = payload.json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (payload.type === "error") {
        const error = (json.error ?? {}) as { message?: string; code?: string };
        return yield { type: "error", message: error.message ?? "The upstream stream failed.", code: error.code ?? null };
      }
      if (!meta && typeof json.id === "string") {
        meta = true;
        yield { type: "meta", id: json.id, model: String(json.model ?? ""), created: Number(json.created ?? Math.floor(Date.now() / 1000)) };
      }
      const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
      const delta = choice?.delta ?? {};
      if (typeof delta.reasoning_content === "string" && delta.reasoning_content) yield { type: "reasoning", text: delta.reasoning_content };
      if (typeof delta.content === "string" && delta.content) yield { type: "text", text: delta.content };
      for (const call of (delta.tool_calls ?? []) as ChunkToolCall[]) {
        const index = call.index ?? 0;
        if (!started.has(index)) {
          started.add(index);
          yield { type: "tool_call_start", index, id: call.id ?? `call_${index}`, name: call.function?.name ?? "" };
        }
        if (call.function?.arguments) yield { type: "tool_call_args", index, args: call.function.arguments };
      }
      if (choice?.finish_reason) {
        const stopString = typeof choice.stop_reason === "string" ? { stopString: choice.stop_reason } : {};
        yield { type: "finish", reason: String(choice.finish_reason), ...stopString };
      }
      if (json.usage && typeof json.usage === "object") yield { type: "usage", usage: json.usage as ChatUsage };
    }
    if (done) return yield { type: "error", message: "The stream ended before the answer was complete.", code: "upstream_stream_error" };
  }
}

/**
 * A protocol's SSE response over the gateway stream: `translate` turns chat events into the
 * protocol's frames, incrementally. Cancelling the client's stream cancels the gateway's, which
 * aborts the upstream call.
 */
export function translateStream(
  body: ReadableStream<Uint8Array>,
  translate: (events: AsyncGenerator<ChatStreamEvent>) => AsyncGenerator<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const reader = body.getReader();
  // The gateway's comments (keep-alives while the first token is awaited, warnings) are passed
  // on as comments, which every protocol's SSE allows, as soon as they arrive.
  const comments: string[] = [];
  let commented = () => {};
  const frames = translate(
    readChatStream(reader, (text) => {
      comments.push(`: ${text}\n\n`);
      commented();
    }),
  );
  const comment = () => new Promise<typeof COMMENT>((resolve) => (commented = () => resolve(COMMENT)));
  let pending: Promise<IteratorResult<string>> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const waiting = pending ?? frames.next();
      const first = comments.length > 0 ? COMMENT : await Promise.race([waiting, comment()]);
      commented = () => {};
      if (first === COMMENT) {
        pending = waiting;
        controller.enqueue(encoder.encode(comments.splice(0).join("")));
        return;
      }
      let result = first;
      pending = null;
      let batch = "";
      // Frames that are ready without waiting for the network leave together: one write per
      // upstream read rather than one per frame (a chunk can become several protocol events).
      while (!result.done) {
        batch += result.value;
        const next = frames.next();
        const ready = await Promise.race([next, nextTurn()]);
        if (ready === WAITING) {
          pending = next;
          break;
        }
        result = ready;
      }
      if (comments.length > 0) batch += comments.splice(0).join("");
      if (batch) controller.enqueue(encoder.encode(batch));
      if (result.done) {
        // A translator may end before the gateway stream does (a stop sequence): stop the upstream too.
        await reader.cancel().catch(() => {});
        controller.close();
      }
    },
    async cancel(reason) {
      // Cancelling the reader ends a pending read at once, so the generators can finish.
      await reader.cancel(reason).catch(() => {});
      await frames.return(undefined).catch(() => {});
    },
  });
}

const WAITING = Symbol("waiting");
const COMMENT = Symbol("comment");

/** Resolves after pending I/O callbacks: anything that settles sooner needed no network. */
function nextTurn(): Promise<typeof WAITING> {
  return new Promise((resolve) => setImmediate(() => resolve(WAITING)));
}
