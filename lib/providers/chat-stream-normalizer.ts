import { readPlainDelta } from "./plain-delta";
import { ThinkSplitter } from "./think-splitter";
import { ToolCallIndexer } from "./tool-call-indexer";
import { readUsage } from "./usage";

type Chunk = Record<string, unknown>;
type Choice = Record<string, unknown> & { index?: number; delta?: Record<string, unknown>; finish_reason?: unknown };

export interface NormalizedChunk {
  /** The chunk to send on, or null when nothing is left of it (a usage-only chunk). */
  chunk: Chunk | null;
  /** Carried content, a tool-call or reasoning: the point after which failover is no longer invisible. */
  meaningful: boolean;
}

/**
 * Normalizes one provider's stream chunk by chunk (docs/ROUTING.md, "Adapters"): stable tool-call indexes,
 * `finish_reason: tool_calls` after tool calls, reasoning in `reasoning_content`, and usage taken
 * out of whichever chunk carries it (re-emitted once at the end by the relay if the client asked).
 */
export class ChatStreamNormalizer {
  usage: { prompt: number; completion: number } | null = null;
  /** The upstream's usage object as sent, for its token details. */
  usageDetail: Record<string, unknown> | null = null;
  finished = false;
  completionChars = 0;
  private tools = new Map<number, ToolCallIndexer>();
  private thinks = new Map<number, ThinkSplitter>();
  private sawTools = new Set<number>();

  normalize(chunk: Chunk): NormalizedChunk {
    const xGroq = chunk.x_groq as Chunk | undefined;
    const raw = readUsage(chunk.usage) ? chunk.usage : xGroq?.usage;
    const usage = readUsage(raw);
    if (usage) {
      this.usage = usage;
      this.usageDetail = raw as Record<string, unknown>;
    }
    delete chunk.usage;
    if (xGroq?.usage) {
      const { usage: _dropped, ...rest } = xGroq;
      chunk.x_groq = rest;
    }
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as Choice[]) : [];
    if (choices.length === 0) return { chunk: null, meaningful: false };
    let meaningful = false;
    for (const choice of choices) meaningful = this.choice(choice) || meaningful;
    return { chunk, meaningful };
  }

  /**
   * The fast path for an event's raw data: when it is a text delta that `normalize` would leave as
   * it is, counts it as `normalize` would and returns the data to forward; otherwise null.
   */
  passThrough(data: string): { data: string; meaningful: boolean } | null {
    const plain = readPlainDelta(data);
    if (!plain) return null;
    // Until the first text shows whether an inline <think> opens the answer, the splitter must see it.
    if (plain.content && !this.thinks.get(0)?.decided) return null;
    this.completionChars += plain.content.length;
    return { data: plain.data, meaningful: plain.content.length > 0 };
  }

  /** Text an inline-think splitter still holds, as a final delta (rarely non-empty). */
  flush(): Array<{ index: number; content: string; reasoning: string }> {
    const out = [];
    for (const [index, splitter] of this.thinks) {
      const rest = splitter.flush();
      if (rest.content || rest.reasoning) out.push({ index, ...rest });
    }
    return out;
  }

  private choice(choice: Choice): boolean {
    const index = typeof choice.index === "number" ? choice.index : 0;
    const delta = (choice.delta ?? {}) as Record<string, unknown>;
    let reasoning = typeof delta.reasoning_content === "string" ? delta.reasoning_content : "";
    if (typeof delta.reasoning === "string") reasoning += delta.reasoning;
    delete delta.reasoning;
    let content = "";
    if (Array.isArray(delta.content)) {
      for (const part of delta.content as Array<Record<string, unknown>>) {
        if (part?.type === "thinking") reasoning += thinkingText(part.thinking);
        else if (typeof part?.text === "string") content += part.text;
      }
    } else if (typeof delta.content === "string") content = delta.content;
    if (content) {
      let splitter = this.thinks.get(index);
      if (!splitter) this.thinks.set(index, (splitter = new ThinkSplitter()));
      const split = splitter.push(content);
      content = split.content;
      reasoning += split.reasoning;
    }
    if (typeof delta.content === "string" || Array.isArray(delta.content)) delta.content = content;
    if (reasoning) delta.reasoning_content = reasoning;
    else delete delta.reasoning_content;

    let tools = 0;
    if (Array.isArray(delta.tool_calls)) {
      let indexer = this.tools.get(index);
      if (!indexer) this.tools.set(index, (indexer = new ToolCallIndexer()));
      const calls = indexer.map(delta.tool_calls);
      if (calls.length > 0) {
        delta.tool_calls = calls;
        tools = calls.length;
        this.sawTools.add(index);
        for (const call of calls) this.completionChars += String((call.function as Record<string, unknown>)?.arguments ?? "").length;
      } else delete delta.tool_calls;
    }
    if (choice.finish_reason != null) {
      this.finished = true;
      if (choice.finish_reason === "stop" && this.sawTools.has(index)) choice.finish_reason = "tool_calls";
    }
    choice.delta = delta;
    this.completionChars += content.length + reasoning.length;
    return content.length > 0 || reasoning.length > 0 || tools > 0;
  }
}

/**
 * OpenAI's usage object from our counts, keeping the token details the upstream sent (cached
 * prompt tokens, reasoning tokens) so streamed and non-streamed answers carry the same.
 */
export function toOpenAiUsage(counted: { prompt: number; completion: number }, detail: Record<string, unknown> | null): Record<string, unknown> {
  const usage: Record<string, unknown> = {
    prompt_tokens: counted.prompt,
    completion_tokens: counted.completion,
    total_tokens: counted.prompt + counted.completion,
  };
  if (isObject(detail?.prompt_tokens_details)) usage.prompt_tokens_details = detail.prompt_tokens_details;
  if (isObject(detail?.completion_tokens_details)) usage.completion_tokens_details = detail.completion_tokens_details;
  return usage;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

export function thinkingText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((p) => (typeof p?.text === "string" ? p.text : "")).join("");
  return "";
}
