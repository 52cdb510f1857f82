import type { Body, ModelSpec } from "../types";

type Message = Record<string, unknown>;

// Below this, Gemini's default thinking can use the whole output budget (docs/ROUTING.md, "Provider quirks").
const SMALL_MAX_TOKENS = 2048;

/** Thinking counts against max_tokens: turn it down for short answers, or make room when asked for. */
export function tameThinking(body: Body, spec: ModelSpec | undefined, maxTokens: number | undefined): number | undefined {
  if (!spec?.reasoning || maxTokens === undefined || maxTokens >= SMALL_MAX_TOKENS) return maxTokens;
  if (body.reasoning_effort === undefined) {
    body.reasoning_effort = spec.lowThinkingEffort ?? "low";
    return maxTokens;
  }
  return body.reasoning_effort === "none" ? maxTokens : maxTokens + SMALL_MAX_TOKENS;
}

/** Gemini 3 rejects tool-call history without a signature; history from other models has none. */
export function withThoughtSignatures(body: Body): Body {
  body.messages = (body.messages as Message[]).map(withThoughtSignature);
  return body;
}

function withThoughtSignature(message: Message): Message {
  if (message.role !== "assistant" || !Array.isArray(message.tool_calls)) return message;
  const calls = message.tool_calls.map((call: Record<string, unknown>) =>
    call.extra_content ? call : { ...call, extra_content: { google: { thought_signature: "skip_thought_signature_validator" } } },
  );
  return { ...message, tool_calls: calls };
}
