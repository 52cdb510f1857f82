import { estimateTokens } from "@/lib/providers/usage";
import type { ChatStreamEvent, ChatUsage } from "@/lib/protocols/chat-stream-events";
import { StopSequenceScanner } from "./stop-sequences";
import { anthropicUsage, reportedStop, stopReason, type AnswerOptions } from "./to-message";
import { anthropicStreamErrorType } from "./error-type";

export interface MessageStreamOptions extends AnswerOptions {
  /** For `message_start`, which goes out before the upstream has counted anything. */
  inputTokensEstimate: number;
  requestedModel: string;
  requestId: string;
}

type Frames = Generator<string, void, undefined>;
type Block = { index: number; kind: "text" | "thinking" | "tool" };

const PING_AFTER_MS = 5_000;
const frame = (type: string, data: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * The gateway's chat events as Anthropic's stream: message_start, one content block at a time
 * (thinking, text, each tool call), message_delta with the stop reason and usage, message_stop.
 * A break after output began ends with an `error` event, never a clean message_stop.
 */
export async function* messageStreamFrames(events: AsyncGenerator<ChatStreamEvent>, options: MessageStreamOptions): AsyncGenerator<string> {
  const writer = new MessageWriter(options);
  for await (const event of events) {
    if (event.type === "error") return yield writer.error(event.message, event.code);
    if (!writer.started) yield* writer.start(event.type === "meta" ? event.model : options.requestedModel);
    switch (event.type) {
      case "reasoning":
        if (options.showThinking) yield* writer.delta("thinking", { type: "thinking_delta", thinking: event.text });
        // Hidden reasoning can run for minutes: pings show the client the stream is alive.
        else if (writer.quietFor() > PING_AFTER_MS) yield writer.ping();
        break;
      case "text":
        yield* writer.text(event.text);
        // Nothing after a matched stop sequence reaches the client; returning cancels the upstream.
        if (writer.scanner.matched !== null) return yield* writer.finish();
        break;
      case "tool_call_start":
        yield* writer.startTool(event.index, event.id, event.name);
        break;
      case "tool_call_args":
        yield* writer.toolArgs(event.index, event.args);
        break;
      case "finish":
        writer.finishReason = event.reason;
        writer.reported = reportedStop(event.stopString, options.stopSequences);
        break;
      case "usage":
        writer.usage = event.usage;
        break;
      case "done":
        return yield* writer.finish();
    }
  }
}

class MessageWriter {
  started = false;
  finishReason: string | null = null;
  reported: string | null = null;
  usage: ChatUsage | null = null;
  readonly scanner: StopSequenceScanner;
  private open: Block | null = null;
  private blocks = 0;
  private tools = new Map<number, number>();
  private outputChars = 0;
  private lastFrameAt = Date.now();

  constructor(private readonly options: MessageStreamOptions) {
    this.scanner = new StopSequenceScanner(options.stopSequences);
  }

  ping(): string {
    return this.emit("ping");
  }

  quietFor(): number {
    return Date.now() - this.lastFrameAt;
  }

  *start(model: string): Frames {
    this.started = true;
    const usage = { input_tokens: this.options.inputTokensEstimate, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const message = {
      id: this.options.id,
      type: "message",
      role: "assistant",
      model: model || this.options.requestedModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      usage,
    };
    yield this.emit("message_start", { message });
    yield this.ping();
  }

  *text(text: string): Frames {
    const out = this.scanner.push(text);
    if (out) yield* this.delta("text", { type: "text_delta", text: out });
  }

  *delta(kind: "text" | "thinking", delta: { type: string; text?: string; thinking?: string }): Frames {
    if (this.open?.kind !== kind) yield* this.openBlock(kind, kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" });
    this.outputChars += (delta.text ?? delta.thinking ?? "").length;
    yield this.emit("content_block_delta", { index: this.open!.index, delta });
  }

  *startTool(index: number, id: string, name: string): Frames {
    yield* this.openBlock("tool", { type: "tool_use", id, name, input: {} });
    this.tools.set(index, this.open!.index);
  }

  *toolArgs(index: number, args: string): Frames {
    // Upstreams send one call's arguments before the next call starts; a late fragment still goes to its own block.
    const block = this.tools.get(index);
    if (block === undefined) return;
    this.outputChars += args.length;
    yield this.emit("content_block_delta", { index: block, delta: { type: "input_json_delta", partial_json: args } });
  }

  *finish(): Frames {
    if (!this.started) yield* this.start(this.options.requestedModel);
    yield* this.flushText();
    yield* this.closeBlock();
    const stopSequence = this.scanner.matched ?? this.reported;
    const usage = anthropicUsage(this.usage, this.options.inputTokensEstimate, estimateTokens(this.outputChars));
    const delta = { stop_reason: stopReason(this.finishReason, stopSequence, this.tools.size > 0), stop_sequence: stopSequence, stop_details: null };
    yield this.emit("message_delta", { delta, usage });
    yield this.emit("message_stop");
  }

  /** Anthropic's in-stream error event; the SDKs raise it as an APIError. */
  error(message: string, code: string | null): string {
    return this.emit("error", { error: { type: anthropicStreamErrorType(message, code), message }, request_id: this.options.requestId });
  }

  private *flushText(): Frames {
    const rest = this.scanner.flush();
    if (rest) yield* this.delta("text", { type: "text_delta", text: rest });
  }

  private *openBlock(kind: Block["kind"], contentBlock: Record<string, unknown>): Frames {
    if (kind !== "text") yield* this.flushText();
    yield* this.closeBlock();
    this.open = { index: this.blocks++, kind };
    yield this.emit("content_block_start", { index: this.open.index, content_block: contentBlock });
  }

  private *closeBlock(): Frames {
    if (!this.open) return;
    yield this.emit("content_block_stop", { index: this.open.index });
    this.open = null;
  }

  private emit(type: string, data: Record<string, unknown> = {}): string {
    this.lastFrameAt = Date.now();
    return frame(type, data);
  }
}
