import { jsonFromSchema, toolArguments } from "./json-from-schema";
import type { ProviderProfile } from "./profiles/provider-profile";
import type { ChatMessage, ChatRequestBody, ModelSpec } from "./types";
import { countTokens } from "./wire-formats";

export interface ToolCallResult {
  id: string;
  name: string;
  arguments: string;
  extra?: Record<string, unknown>;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** The provider-neutral answer; completion-body.ts and stream-events.ts put it on the wire. */
export interface ChatResult {
  content: string | null;
  reasoning?: string;
  toolCalls: ToolCallResult[];
  finishReason: "stop" | "length" | "tool_calls";
  usage: Usage;
}

export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === "object" && "text" in part ? String(part.text) : "")).join("");
  }
  return "";
}

export function promptTokens(body: ChatRequestBody): number {
  return countTokens(JSON.stringify(body.messages ?? []));
}

function pickTools(body: ChatRequestBody, text: string) {
  const tools = (body.tools ?? []).filter((t) => t.function?.name);
  const choice = body.tool_choice as unknown;
  if (tools.length === 0 || choice === "none") return [];
  if (choice && typeof choice === "object") {
    const name = (choice as { function?: { name?: string } }).function?.name;
    return tools.filter((t) => t.function?.name === name).slice(0, 1);
  }
  if (/call all tools/i.test(text)) return tools.slice(0, 3);
  if (/call tools?/i.test(text) || choice === "required") return tools.slice(0, 1);
  return [];
}

function answerText(label: string, body: ChatRequestBody, last: ChatMessage | undefined, text: string): string {
  const tag = `[${label}:${body.model}]`;
  const format = body.response_format?.type;
  if (format === "json_object") return JSON.stringify({ provider: label, model: body.model, echo: text });
  if (format === "json_schema") return JSON.stringify(jsonFromSchema(body.response_format?.json_schema?.schema, text));
  if (last?.role === "tool") return `${tag} tool result: ${messageText(last.content)}`;
  return `${tag} echo: ${text}`;
}

export function buildChatResult(profile: ProviderProfile, label: string, model: ModelSpec, body: ChatRequestBody): ChatResult {
  const messages = body.messages ?? [];
  const last = messages.at(-1);
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const text = messageText(lastUser?.content);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const prompt = promptTokens(body);
  const reasoning = model.reasoning && profile.reasoningField ? `Thinking about: ${text}` : undefined;
  const reasoningTokens = reasoning ? countTokens(reasoning) : 0;
  const usage = (completion: number): Usage => ({
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  });

  // Gemini thinking spends max_tokens before any visible text.
  if (model.thinkingBudget && maxTokens !== undefined && maxTokens < model.thinkingBudget) {
    return { content: "", toolCalls: [], finishReason: "length", usage: { ...usage(maxTokens), completion_tokens_details: { reasoning_tokens: maxTokens } } };
  }

  const tools = last?.role === "tool" ? [] : pickTools(body, text);
  if (tools.length > 0) {
    const toolCalls = tools.map((tool, n) => ({
      id: profile.toolCallId(n),
      name: tool.function!.name!,
      arguments: JSON.stringify(toolArguments(tool.function?.parameters, text)),
      extra: profile.toolCallExtra?.(n),
    }));
    const completion = countTokens(toolCalls.map((c) => c.name + c.arguments).join("")) + reasoningTokens;
    return { content: null, reasoning, toolCalls, finishReason: "tool_calls", usage: usage(completion) };
  }

  let content = answerText(label, body, last, text);
  let finishReason: ChatResult["finishReason"] = "stop";
  if (maxTokens !== undefined && countTokens(content) > maxTokens) {
    content = content.slice(0, Math.max(0, maxTokens * 4));
    finishReason = "length";
  }
  return { content, reasoning, toolCalls: [], finishReason, usage: usage(countTokens(content) + reasoningTokens) };
}
