import { toOpenAiUsage } from "@/lib/providers/chat-stream-normalizer";
import { estimateTokens } from "@/lib/providers/usage";
import type { StreamAnswer } from "./chat-attempts";
import { encodeSse } from "./stream-session";

export interface RelayEnd {
  status: "ok" | "error" | "aborted";
  usage: { prompt: number; completion: number };
  usageEstimated: boolean;
  errorMessage: string | null;
}

export interface RelayOptions {
  includeUsage: boolean;
  promptTokensEstimate: number;
  /** Called exactly once, after the last byte or on cancel. */
  onEnd: (end: RelayEnd) => void;
}

const encoder = new TextEncoder();

/**
 * The client's stream: the held-back events first, then each upstream buffer as it arrives,
 * normalized. A clean end gets the usage chunk (if asked for) and [DONE]; an upstream that breaks
 * off gets an OpenAI-form error event and no [DONE], so the client can tell the answer is cut.
 */
export function relayStream(answer: StreamAnswer, options: RelayOptions): ReadableStream<Uint8Array> {
  const { session } = answer;
  let ended = false;
  const end = (status: RelayEnd["status"], errorMessage: string | null) => {
    if (ended) return;
    ended = true;
    const usage = session.normalizer.usage;
    options.onEnd({
      status,
      usage: usage ?? { prompt: options.promptTokensEstimate, completion: estimateTokens(session.normalizer.completionChars) },
      usageEstimated: !usage,
      errorMessage,
    });
  };
  const finishOk = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const tail = session.flushChunks();
    if (options.includeUsage) {
      const usage = session.normalizer.usage ?? { prompt: options.promptTokensEstimate, completion: estimateTokens(session.normalizer.completionChars) };
      tail.push(
        encodeSse({
          ...session.template,
          object: "chat.completion.chunk",
          choices: [],
          usage: toOpenAiUsage(usage, session.normalizer.usageDetail),
        }),
      );
    }
    tail.push("data: [DONE]\n\n");
    controller.enqueue(encoder.encode(tail.join("")));
    controller.close();
    end("ok", null);
  };
  const finishError = (controller: ReadableStreamDefaultController<Uint8Array>, message: string) => {
    controller.enqueue(
      encoder.encode(
        encodeSse({ error: { message: `Upstream stream failed: ${message}`, type: "upstream_error", param: null, code: "upstream_stream_error" } }),
      ),
    );
    controller.close();
    end("error", message);
  };

  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        if (answer.held.length > 0) controller.enqueue(encoder.encode(answer.held.join("")));
        if (answer.ended) finishOk(controller);
        return;
      }
      try {
        for (;;) {
          const step = await session.next();
          if (step.out.length > 0) controller.enqueue(encoder.encode(step.out.join("")));
          if (step.end === "done") return finishOk(controller);
          if (step.end === "failed") {
            await session.close();
            return finishError(controller, step.failure?.message ?? "stream failed");
          }
          if (step.out.length > 0) return;
        }
      } catch (error) {
        if (ended) return;
        finishError(controller, (error as Error).message || "connection lost");
      }
    },
    async cancel() {
      answer.abort();
      await session.close();
      end("aborted", null);
    },
  });
}
