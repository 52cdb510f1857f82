import { getProvider } from "./catalog";
import {
  flattenContent,
  foldSystemMessages,
  hasTools,
  stripSchemaKeywords,
  toMistralToolCallId,
  type Body,
  type Message,
} from "./request-helpers";
import type { ModelSpec, ProviderId } from "./types";

export interface UpstreamChatInput {
  providerId: ProviderId;
  /** The provider's own model id. */
  model: string;
  spec: ModelSpec | undefined;
  /** The client's parsed request body. */
  request: Body;
}

// Below this, Gemini's default thinking can use the whole output budget (Q5).
const SMALL_MAX_TOKENS = 2048;
const MISTRAL_FIELDS = new Set([
  "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "response_format",
  "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n", "safe_prompt", "parallel_tool_calls", "prediction",
]);
const DROP: Partial<Record<ProviderId, string[]>> = {
  groq: ["logprobs", "top_logprobs", "logit_bias"],
  cohere: ["logit_bias", "logprobs", "top_logprobs", "reasoning_effort", "parallel_tool_calls"],
  kilo: ["response_format"],
  cloudflare: ["logit_bias", "logprobs", "top_logprobs"],
};

/** The body to send upstream: the client's request with each provider's quirks applied (Q3, Q5, Q6). */
export function buildUpstreamChatBody({ providerId, model, spec, request }: UpstreamChatInput): Body {
  const provider = getProvider(providerId);
  const body: Body = { ...request, model };
  const stream = body.stream === true;

  const requested = numberOr(body.max_completion_tokens, numberOr(body.max_tokens, undefined));
  delete body.max_tokens;
  delete body.max_completion_tokens;
  let maxTokens = requested;
  if (maxTokens === undefined && providerId === "cloudflare") maxTokens = 8192;
  if (maxTokens === undefined && providerId === "cerebras") maxTokens = 4096;
  if (providerId === "gemini" && spec?.reasoning) maxTokens = tameGeminiThinking(body, spec, maxTokens);
  if (maxTokens !== undefined && spec) maxTokens = Math.min(maxTokens, spec.maxOutput);
  if (maxTokens !== undefined) body[provider.maxTokensField] = maxTokens;

  if (providerId !== "custom") {
    if (stream && provider.acceptsStreamOptions) body.stream_options = { include_usage: true };
    else delete body.stream_options;
  } else if (!stream) delete body.stream_options;

  for (const field of DROP[providerId] ?? []) delete body[field];
  // Hosts answer 400 to reasoning_effort on a model that does not reason; protocol layers map thinking onto it.
  if (spec && !spec.reasoning) delete body.reasoning_effort;
  if (spec?.noSystemRole && Array.isArray(body.messages)) body.messages = foldSystemMessages(body.messages as Message[]);

  switch (providerId) {
    case "mistral":
      return toMistral(body);
    case "cohere":
      return toCohere(body);
    case "cloudflare":
      body.messages = (body.messages as Message[]).map((m) => ({ ...m, content: cloudflareContent(m) }));
      return body;
    case "nvidia":
      return toNvidia(body);
    case "gemini":
      body.messages = (body.messages as Message[]).map(withThoughtSignature);
      return body;
    default:
      return body;
  }
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Thinking counts against max_tokens: turn it down for short answers, or make room when asked for. */
function tameGeminiThinking(body: Body, spec: ModelSpec, maxTokens: number | undefined): number | undefined {
  if (maxTokens === undefined || maxTokens >= SMALL_MAX_TOKENS) return maxTokens;
  if (body.reasoning_effort === undefined) {
    body.reasoning_effort = spec.lowThinkingEffort ?? "low";
    return maxTokens;
  }
  return body.reasoning_effort === "none" ? maxTokens : maxTokens + SMALL_MAX_TOKENS;
}

function toMistral(body: Body): Body {
  if (body.seed !== undefined) body.random_seed = body.seed;
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) if (MISTRAL_FIELDS.has(key)) out[key] = value;
  out.messages = (body.messages as Message[]).map((m) => {
    const clean: Message = { role: m.role, content: m.content ?? "" };
    if (typeof m.name === "string") clean.name = m.name;
    if (typeof m.tool_call_id === "string") clean.tool_call_id = toMistralToolCallId(m.tool_call_id);
    if (Array.isArray(m.tool_calls)) {
      clean.tool_calls = m.tool_calls.map((call: Record<string, unknown>) => ({
        id: toMistralToolCallId(String(call.id ?? "")),
        type: "function",
        function: call.function,
      }));
    }
    return clean;
  });
  return out;
}

function toCohere(body: Body): Body {
  if (Array.isArray(body.tools)) {
    body.tools = body.tools.map((tool: Record<string, unknown>) => {
      const fn = tool.function as Record<string, unknown> | undefined;
      return fn?.parameters ? { ...tool, function: { ...fn, parameters: stripSchemaKeywords(fn.parameters) } } : tool;
    });
  }
  const format = body.response_format as { type?: string; json_schema?: Record<string, unknown> } | undefined;
  if (format?.type === "json_schema" && format.json_schema?.schema) {
    body.response_format = { ...format, json_schema: { ...format.json_schema, schema: stripSchemaKeywords(format.json_schema.schema) } };
  }
  return body;
}

function cloudflareContent(message: Message): unknown {
  if (message.content == null && Array.isArray(message.tool_calls)) return "";
  return flattenContent(message.content);
}

function toNvidia(body: Body): Body {
  if (hasTools(body)) body.parallel_tool_calls = false;
  // NIM 2.x ignores legacy guided_json; response_format is the supported way.
  const nvext = body.nvext as Record<string, unknown> | undefined;
  const guided = body.guided_json ?? nvext?.guided_json;
  if (guided !== undefined && body.response_format === undefined) {
    body.response_format = { type: "json_schema", json_schema: { name: "response", schema: guided } };
  }
  delete body.guided_json;
  return body;
}

/** Gemini 3 rejects tool-call history without a signature; history from other models has none. */
function withThoughtSignature(message: Message): Message {
  if (message.role !== "assistant" || !Array.isArray(message.tool_calls)) return message;
  const calls = message.tool_calls.map((call: Record<string, unknown>) =>
    call.extra_content ? call : { ...call, extra_content: { google: { thought_signature: "skip_thought_signature_validator" } } },
  );
  return { ...message, tool_calls: calls };
}
