import type { ChatUsage } from "@/lib/protocols/chat-stream-events";
import { cutAtStop } from "./stop-sequences";

export interface AnswerOptions {
  id: string;
  showThinking: boolean;
  stopSequences: readonly string[];
}

export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal";

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

type ContentBlock =
  { type: "thinking"; thinking: string; signature: string } | { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };

interface ChatCompletion {
  model?: string;
  choices?: Array<{
    finish_reason?: string | null;
    /** vLLM-based hosts name the stop string that matched. */
    stop_reason?: unknown;
    message?: { content?: string | null; reasoning_content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> };
  }>;
  usage?: ChatUsage;
}

/** The Chat Completions finish reason in Anthropic's words; a stop sequence we saw wins over "stop". */
export function stopReason(finish: string | null, stopSequence: string | null, toolUse: boolean): StopReason {
  if (stopSequence !== null) return "stop_sequence";
  if (finish === "length") return "max_tokens";
  if (finish === "tool_calls" || finish === "function_call" || toolUse) return "tool_use";
  if (finish === "content_filter") return "refusal";
  return "end_turn";
}

/** OpenAI counts cached tokens inside prompt_tokens; Anthropic counts them apart from input_tokens. */
export function anthropicUsage(usage: ChatUsage | null | undefined, fallbackInput: number, fallbackOutput: number): AnthropicUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const prompt = usage?.prompt_tokens ?? fallbackInput;
  return {
    input_tokens: Math.max(0, prompt - cached),
    output_tokens: usage?.completion_tokens ?? fallbackOutput,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** A reported stop string counts only if it is one the client asked for. */
export function reportedStop(value: unknown, stopSequences: readonly string[]): string | null {
  return typeof value === "string" && stopSequences.includes(value) ? value : null;
}

/** Tool arguments arrive as a JSON string; Anthropic's `input` is the object. */
export function parseToolInput(args: string): unknown {
  if (!args.trim()) return {};
  try {
    const value = JSON.parse(args);
    return value && typeof value === "object" && !Array.isArray(value) ? value : { value };
  } catch {
    return {};
  }
}

/** A non-streamed chat.completion → Anthropic's Message object. */
export function toMessage(body: unknown, options: AnswerOptions) {
  const completion = body as ChatCompletion;
  const choice = completion.choices?.[0];
  const message = choice?.message ?? {};
  const content: ContentBlock[] = [];
  if (options.showThinking && message.reasoning_content) content.push({ type: "thinking", thinking: message.reasoning_content, signature: "" });
  const cut = cutAtStop(message.content ?? "", options.stopSequences);
  if (cut.text) content.push({ type: "text", text: cut.text });
  // Text after a stop sequence never happened for the client, and neither did calls made after it.
  const calls = cut.stop === null ? (message.tool_calls ?? []) : [];
  for (const call of calls) content.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolInput(call.function.arguments) });
  const stopSequence = cut.stop ?? reportedStop(choice?.stop_reason, options.stopSequences);
  return {
    id: options.id,
    type: "message" as const,
    role: "assistant" as const,
    model: completion.model ?? "",
    content,
    stop_reason: stopReason(choice?.finish_reason ?? null, stopSequence, calls.length > 0),
    stop_sequence: stopSequence,
    stop_details: null,
    usage: anthropicUsage(completion.usage, 0, 0),
  };
}
