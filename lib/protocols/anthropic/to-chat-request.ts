import { AppError } from "@/lib/errors";
import type { ChatCompletionRequest } from "@/lib/router";
import type { ContentBlock, DocumentBlock, ImageBlock, MessageParam, MessagesRequest, ToolResultBlock } from "./schemas";

type ChatMessage = ChatCompletionRequest["messages"][number];
type ChatPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };
type ReasoningEffort = NonNullable<ChatCompletionRequest["reasoning_effort"]>;

/** OpenAI-style upstreams take at most this many `stop` strings; the rest are applied locally. */
export const UPSTREAM_STOP_LIMIT = 4;

export interface TranslatedRequest {
  chat: ChatCompletionRequest;
  /** Upstream reasoning becomes thinking blocks only when the client turned thinking on and did not ask to omit it. */
  showThinking: boolean;
  /** Every stop sequence the client sent, checked against the answer text (the upstream may not honor them). */
  stopSequences: string[];
}

// Anthropic's efforts above "high" have no OpenAI-style counterpart.
const EFFORTS: Record<string, ReasoningEffort> = { low: "low", medium: "medium", high: "high", xhigh: "high", max: "high" };

/** Anthropic Messages request → the gateway's Chat Completions request. */
export function toChatRequest(request: MessagesRequest): TranslatedRequest {
  const systemTexts = request.system ? [textOf(request.system)] : [];
  const messages: ChatMessage[] = [];
  request.messages.forEach((message, i) => {
    if (message.role === "system") systemTexts.push(textOf(message.content));
    else if (message.role === "assistant") messages.push(assistantMessage(message));
    else messages.push(...userMessages(message, `messages.${i}.content`));
  });
  const system = systemTexts.filter(Boolean).join("\n\n");

  const stopSequences = (request.stop_sequences ?? []).filter((stop) => stop.length > 0);
  const chat: ChatCompletionRequest = {
    model: request.model,
    messages: system ? [{ role: "system", content: system }, ...messages] : messages,
    ...(request.max_tokens ? { max_tokens: request.max_tokens } : {}),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { top_p: request.top_p } : {}),
    ...(stopSequences.length > 0 ? { stop: stopSequences.slice(0, UPSTREAM_STOP_LIMIT) } : {}),
    ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    ...toolFields(request),
  };
  const effort = reasoningEffort(request);
  if (effort) chat.reasoning_effort = effort;
  const format = request.output_config?.format;
  if (format?.type === "json_schema" && format.schema) chat.response_format = { type: "json_schema", json_schema: { name: "output", schema: format.schema } };

  const thinking = request.thinking;
  return { chat, showThinking: !!thinking && thinking.type !== "disabled" && thinking.display !== "omitted", stopSequences };
}

/** `output_config.effort` when given, else the thinking budget in Gemini's effort bands (1K / 8K / 24K). */
export function reasoningEffort(request: Pick<MessagesRequest, "thinking" | "output_config">): ReasoningEffort | undefined {
  if (request.thinking?.type === "disabled") return undefined;
  const effort = request.output_config?.effort;
  if (effort && EFFORTS[effort]) return EFFORTS[effort];
  const budget = request.thinking?.type === "enabled" ? request.thinking.budget_tokens : null;
  if (!budget) return undefined;
  return budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
}

function toolFields(request: MessagesRequest): Partial<ChatCompletionRequest> {
  const loaded = referencedTools(request.messages);
  // Anthropic's server tools (web_search, code_execution...) run on Anthropic's side: no upstream here can run them.
  const tools = (request.tools ?? [])
    .filter((tool) => tool.type == null || tool.type === "custom")
    .filter((tool) => !tool.defer_loading || loaded.has(tool.name))
    .map((tool) => ({
      type: "function" as const,
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: "object", properties: {} },
      },
    }));
  if (tools.length === 0) return {};
  const out: Partial<ChatCompletionRequest> = { tools };
  const choice = request.tool_choice;
  if (!choice) return out;
  if (choice.type === "none") return { ...out, tool_choice: "none" };
  if (choice.disable_parallel_tool_use) out.parallel_tool_calls = false;
  if (choice.type === "any") out.tool_choice = "required";
  else if (choice.type === "auto") out.tool_choice = "auto";
  else if (tools.some((tool) => tool.function.name === choice.name)) out.tool_choice = { type: "function", function: { name: choice.name } };
  return out;
}

/** Deferred tools that a tool search result (a tool_reference block) has loaded so far. */
function referencedTools(messages: MessageParam[]): Set<string> {
  const names = new Set<string>();
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type !== "tool_result" || typeof block.content === "string") continue;
      for (const inner of block.content ?? []) if (inner.type === "tool_reference") names.add(inner.tool_name);
    }
  }
  return names;
}

function assistantMessage(message: MessageParam): ChatMessage {
  if (typeof message.content === "string") return { role: "assistant", content: message.content };
  const texts: string[] = [];
  const toolCalls: NonNullable<ChatMessage["tool_calls"]> = [];
  for (const block of message.content) {
    if (block.type === "text") texts.push(block.text);
    else if (block.type === "tool_use")
      toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    // Thinking from earlier turns is not replayed: its signature means nothing to another model.
  }
  const text = texts.join("\n\n");
  return toolCalls.length > 0 ? { role: "assistant", content: text || null, tool_calls: toolCalls } : { role: "assistant", content: text };
}

/**
 * A user turn: its tool results become `tool` messages (which must follow the assistant's calls
 * directly), the rest one user message after them. Images inside tool results join that message,
 * since a `tool` message carries text only.
 */
function userMessages(message: MessageParam, path: string): ChatMessage[] {
  if (typeof message.content === "string") return [{ role: "user", content: message.content }];
  const tools: ChatMessage[] = [];
  const parts: ChatPart[] = [];
  message.content.forEach((block, j) => {
    if (block.type === "tool_result") tools.push(toolMessage(block, parts, `${path}.${j}.content`));
    else parts.push(...userParts(block, `${path}.${j}`));
  });
  if (parts.length === 0) return tools;
  return [...tools, { role: "user", content: partsContent(parts) }];
}

function toolMessage(block: ToolResultBlock, images: ChatPart[], path: string): ChatMessage {
  const texts: string[] = [];
  if (typeof block.content === "string") texts.push(block.content);
  else {
    (block.content ?? []).forEach((inner, k) => {
      if (inner.type === "tool_reference") texts.push(`Tool loaded: ${inner.tool_name}`);
      else {
        for (const part of userParts(inner, `${path}.${k}`)) {
          if (part.type === "text") texts.push(part.text);
          else images.push(part);
        }
      }
    });
  }
  const text = texts.join("\n\n");
  return { role: "tool", tool_call_id: block.tool_use_id, content: block.is_error ? `Error: ${text}` : text };
}

function userParts(block: ContentBlock, path: string): ChatPart[] {
  if (block.type === "text") return [{ type: "text", text: block.text }];
  if (block.type === "image") return [{ type: "image_url", image_url: { url: imageUrl(block, path) } }];
  if (block.type === "document") return [{ type: "text", text: documentText(block, path) }];
  // tool_use or thinking in a user turn has no meaning upstream.
  return [];
}

function imageUrl(block: ImageBlock, path: string): string {
  const source = block.source;
  if (source.type === "base64") return `data:${source.media_type};base64,${source.data}`;
  if (source.type === "url") return source.url;
  throw new AppError("invalid_request", 'Images from the Files API (source.type "file") are not supported here; send them as base64 or url.', `${path}.source`);
}

function documentText(block: DocumentBlock, path: string): string {
  if (block.source.type === "text" && typeof block.source.data === "string") return block.title ? `${block.title}\n\n${block.source.data}` : block.source.data;
  throw new AppError(
    "invalid_request",
    'Only plain-text documents (source.type "text") are supported; the upstream models cannot read PDF or file documents.',
    `${path}.source`,
  );
}

function partsContent(parts: ChatPart[]): ChatMessage["content"] {
  if (parts.every((part) => part.type === "text")) return parts.map((part) => (part as { text: string }).text).join("\n\n");
  return parts;
}

function textOf(content: string | Array<{ type: string; text?: unknown }>): string {
  if (typeof content === "string") return content;
  return content
    .filter((block) => block.type === "text" && typeof block.text === "string")
    .map((block) => block.text as string)
    .join("\n\n");
}
