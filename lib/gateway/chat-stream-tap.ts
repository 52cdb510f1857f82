import { ChatCompletionAssembler } from "@/lib/providers/chat-completion-assembler";
import { interpretSseEvent, SseParser } from "@/lib/providers/sse-parser";

const DONE = "data: [DONE]\n\n";
type Body = Record<string, unknown>;

export interface ChatStreamTap {
  jsonMode: boolean;
  /**
   * Once, at the end: the answer assembled from the chunks when the stream ended cleanly with
   * [DONE], null when it failed, broke off or was cancelled.
   */
  onEnd?: (completion: Body | null) => void;
  /** SSE comment text to send just before [DONE], given the assembled answer. */
  trailer?: (completion: Body) => string | null;
}

/**
 * Watches the gateway's Chat Completions stream as it passes, bytes unchanged. The relay (and
 * the cache's replay) write [DONE] as the end of their last buffer, which is where a trailer goes.
 */
export function tapChatStream(body: ReadableStream<Uint8Array>, tap: ChatStreamTap): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const assembler = new ChatCompletionAssembler();
  let usage: Body | null = null;
  let failed = false;
  let done = false;
  let ended = false;
  const answer = (): Body => {
    const completion = assembler.build({ jsonMode: tap.jsonMode });
    return usage ? { ...completion, usage } : completion;
  };
  const end = (completion: Body | null) => {
    if (ended) return;
    ended = true;
    tap.onEnd?.(completion);
  };
  const observe = (text: string) => {
    for (const event of parser.push(text)) {
      const payload = interpretSseEvent(event);
      if (payload.type === "done") done = true;
      else if (payload.type === "error") failed = true;
      else if (payload.type === "chunk") {
        assembler.add(payload.json);
        // The usage chunk (choices: []) carries the counts the assembler does not take.
        if (payload.json.usage && typeof payload.json.usage === "object") usage = payload.json.usage as Body;
      }
    }
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        end(null);
        throw error;
      }
      if (read.done) {
        controller.close();
        return end(done && !failed ? answer() : null);
      }
      const text = decoder.decode(read.value, { stream: true });
      observe(text);
      const comment = done && !failed && tap.trailer && text.endsWith(DONE) ? tap.trailer(answer()) : null;
      controller.enqueue(comment ? encoder.encode(`${text.slice(0, -DONE.length)}: ${comment}\n\n${DONE}`) : read.value);
    },
    async cancel(reason) {
      end(null);
      await reader.cancel(reason).catch(() => {});
    },
  });
}
