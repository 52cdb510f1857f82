import { describeError } from "@/lib/errors/describe-error";
import { openAiErrorType } from "@/lib/errors";
import type { GatewayResponse } from "@/lib/router";
import { encodeSse } from "@/lib/router/stream-session";

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

/**
 * A streaming request that has no first token after `everyMs`: the 200 and a `: keep-alive`
 * comment go out now, another every `everyMs`, so proxies and clients do not time out on a slow
 * (reasoning) model. The router keeps failing over behind them as before; the answer's stream
 * follows the comments, and a request that finds no answer ends with the gateway's error event
 * (its status can no longer change). Answers that start sooner are untouched.
 */
export async function withHeartbeats(pending: Promise<GatewayResponse>, everyMs: number): Promise<GatewayResponse> {
  if (!(everyMs > 0)) return pending;
  let timer: NodeJS.Timeout | undefined;
  const beat = new Promise<"beat">((resolve) => (timer = setTimeout(() => resolve("beat"), everyMs)));
  const first = await Promise.race([pending, beat]).finally(() => clearTimeout(timer));
  if (first !== "beat") return first;

  let beats = 1;
  let outcome: { result: GatewayResponse } | { error: unknown } | null = null;
  let wake = () => {};
  const interval = setInterval(() => {
    beats++;
    wake();
  }, everyMs);
  pending
    .then(
      (result) => (outcome = { result }),
      (error: unknown) => (outcome = { error }),
    )
    .finally(() => {
      clearInterval(interval);
      wake();
    });
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let cancelled = false;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (reader) {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
          return;
        }
        if (outcome && "error" in outcome) {
          controller.enqueue(encoder.encode(errorEvent(outcome.error)));
          return controller.close();
        }
        if (outcome) {
          const { result } = outcome;
          if (result.kind === "stream") {
            reader = result.body.getReader();
            continue;
          }
          // Not expected for a stream request; say what came back rather than drop it.
          controller.enqueue(
            encoder.encode(encodeSse(result.status === 200 ? result.body : { error: (result.body as { error?: unknown }).error ?? result.body })),
          );
          if (result.status === 200) controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          return controller.close();
        }
        if (beats > 0) {
          beats = 0;
          controller.enqueue(KEEP_ALIVE);
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async cancel(reason) {
      cancelled = true;
      clearInterval(interval);
      // The router stops on the client's abort signal; an answer that still arrives is closed too.
      const settled = await pending.catch(() => null);
      if (cancelled && settled?.kind === "stream") await (reader ?? settled.body).cancel(reason).catch(() => {});
    },
  });
  return { kind: "stream", body, headers: { "content-type": "text/event-stream; charset=utf-8" } };
}

/** The gateway's in-stream error, as the relay sends one: OpenAI's envelope, which each protocol translates. */
function errorEvent(error: unknown): string {
  const parts = describeError(error);
  return encodeSse({ error: { message: parts.message, type: openAiErrorType(parts.status), param: parts.param, code: parts.code } });
}
