import type { ChatCompletionAssembler } from "@/lib/providers/chat-completion-assembler";
import { ChatStreamNormalizer } from "@/lib/providers/chat-stream-normalizer";
import { classifyParsedError, type ClassifiedFailure } from "@/lib/providers/classify-error";
import { parseErrorObject } from "@/lib/providers/parse-error-body";
import { interpretSseEvent, SseParser } from "@/lib/providers/sse-parser";
import type { ProviderId } from "@/lib/providers/types";

export interface StreamStep {
  /** Serialized SSE events to send on. */
  out: string[];
  meaningful: boolean;
  /** `done`: [DONE], or EOF after a finish_reason. `failed`: in-band error or EOF mid-answer. */
  end: null | "done" | "failed";
  failure?: ClassifiedFailure;
}

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** One upstream SSE body read incrementally: framing, per-provider chunk normalization, end detection. */
export class StreamSession {
  readonly normalizer = new ChatStreamNormalizer();
  /** id/created/model of the last chunk, for the chunks we synthesize at the end. */
  template: Record<string, unknown> = {};
  private parser = new SseParser();
  private decoder = new TextDecoder();
  private iterator: AsyncIterator<Uint8Array>;

  constructor(
    private readonly providerId: ProviderId,
    body: AsyncIterable<Uint8Array>,
    /** For a client that did not ask for a stream: chunks go here instead of being serialized. */
    private readonly assembler: ChatCompletionAssembler | null = null,
  ) {
    this.iterator = body[Symbol.asyncIterator]();
  }

  /** Reads one upstream buffer (network errors propagate). */
  async next(): Promise<StreamStep> {
    const { value, done } = await this.iterator.next();
    if (done) {
      const tail = this.decoder.decode();
      const events = [...this.parser.push(tail), ...this.parser.end().events];
      const step = this.process(events);
      if (step.end) return step;
      if (this.normalizer.finished) return { ...step, end: "done" };
      return { ...step, end: "failed", failure: broken("The upstream stream ended before the answer was complete.") };
    }
    return this.process(this.parser.push(this.decoder.decode(value, { stream: true })));
  }

  async close(): Promise<void> {
    await this.iterator.return?.().catch(() => undefined);
  }

  /**
   * After the answer's end ([DONE]): reads the rest of the body (usually only the chunked
   * terminator). Closing it instead, before that arrived, made undici drop the keep-alive connection.
   */
  async drain(): Promise<void> {
    try {
      while (!(await this.iterator.next()).done);
    } catch {
      // Reset or timed out: that connection is not reused either way.
    }
  }

  /** What the normalizer still holds (a dangling inline <think>), as final chunks. */
  flushChunks(): string[] {
    return this.normalizer.flush().map(({ index, content, reasoning }) =>
      sse({
        ...this.template,
        object: "chat.completion.chunk",
        choices: [{ index, delta: reasoning ? { content, reasoning_content: reasoning } : { content }, finish_reason: null }],
      }),
    );
  }

  private process(events: ReturnType<SseParser["push"]>): StreamStep {
    const step: StreamStep = { out: [], meaningful: false, end: null };
    for (const event of events) {
      // Most events are plain text deltas: forwarded as sent once the first chunk gave the template.
      const plain = this.assembler || event.event !== null || this.template.id === undefined ? null : this.normalizer.passThrough(event.data);
      if (plain) {
        step.out.push(`data: ${plain.data}\n\n`);
        step.meaningful ||= plain.meaningful;
        continue;
      }
      const payload = interpretSseEvent(event);
      if (payload.type === "done") return { ...step, end: "done" };
      if (payload.type === "malformed") continue;
      if (payload.type === "error") {
        const parsed = parseErrorObject(payload.json) ?? { message: "upstream error", code: null, type: null, status: null, details: [], metadata: null };
        const status = Number(parsed.code);
        const failure = classifyParsedError(this.providerId, Number.isInteger(status) && status >= 400 && status < 600 ? status : 0, parsed);
        return { ...step, end: "failed", failure };
      }
      const { id, created, model } = payload.json;
      this.template = { id, created, model };
      const normalized = this.normalizer.normalize(payload.json);
      if (normalized.chunk) {
        if (this.assembler) this.assembler.add(normalized.chunk);
        else step.out.push(sse(normalized.chunk));
      }
      step.meaningful ||= normalized.meaningful;
    }
    return step;
  }
}

export function broken(message: string, providerDown = false): ClassifiedFailure {
  return { kind: "provider_unhealthy", status: 0, message, upstreamCode: null, retryAfterMs: null, providerDown };
}

export const encodeSse = sse;
