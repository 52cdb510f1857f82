import { AppError } from "@/lib/errors";
import type { ChatCompletionRequest } from "@/lib/router";
import type { ContentPart, FunctionTool, InputItem, ResponsesRequest, ToolChoice } from "./schemas";

type ChatMessage = ChatCompletionRequest["messages"][number];
type ChatTool = NonNullable<ChatCompletionRequest["tools"]>[number];
type ChatPart = Exclude<ChatMessage["content"], string | null | undefined>[number];

/** The chat request, plus what the answer needs to describe the request back in Responses terms. */
export interface TranslatedRequest {
  chat: ChatCompletionRequest;
  /** The function tools offered upstream, in Responses' flat shape (namespaces flattened). */
  tools: FunctionTool[];
  /** Function name → the namespace it came from, so calls to it name their namespace again. */
  namespaces: Map<string, string>;
}

const STORAGE_FIELDS = [
  ["previous_response_id", "previous_response_id"],
  ["conversation", "conversation"],
  ["background", "background: true"],
  ["prompt", "prompt (stored prompt templates)"],
] as const;

/** A Responses request as the gateway's Chat Completions request (one-way: nothing is stored). */
export function toChatRequest(request: ResponsesRequest): TranslatedRequest {
  for (const [field, what] of STORAGE_FIELDS) {
    const value = request[field];
    if (value != null && value !== false) {
      throw new AppError(
        "invalid_request",
        `${what} is not supported: freellmapi does not store responses. Send the whole conversation in \`input\` (stateless, \`store: false\`).`,
        field,
      );
    }
  }

  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: "system", content: request.instructions });
  messages.push(...toMessages(request.input ?? []));
  if (messages.length === 0) throw new AppError("invalid_request", "input: send at least one message (or instructions).", "input");

  const { tools, namespaces } = flattenTools(request.tools ?? []);
  const chat: ChatCompletionRequest = { model: request.model, messages };
  const offered = applyToolChoice(tools, request.tool_choice ?? undefined);
  if (offered.tools.length > 0) {
    chat.tools = offered.tools.map(toChatTool);
    if (offered.choice !== undefined) chat.tool_choice = offered.choice;
    if (request.parallel_tool_calls != null) chat.parallel_tool_calls = request.parallel_tool_calls;
  }
  if (request.max_output_tokens != null) chat.max_completion_tokens = request.max_output_tokens;
  if (request.temperature != null) chat.temperature = request.temperature;
  if (request.top_p != null) chat.top_p = request.top_p;
  if (request.user) chat.user = request.user;
  const effort = request.reasoning?.effort;
  if (effort) chat.reasoning_effort = effort === "xhigh" ? "high" : effort;
  const format = request.text?.format;
  if (format?.type === "json_object") chat.response_format = { type: "json_object" };
  if (format?.type === "json_schema") {
    chat.response_format = {
      type: "json_schema",
      json_schema: {
        name: format.name,
        schema: format.schema,
        ...(format.description ? { description: format.description } : {}),
        ...(format.strict != null ? { strict: format.strict } : {}),
      },
    };
  }
  if (request.stream) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return { chat, tools: offered.tools, namespaces };
}

/**
 * Items in order: messages, function calls (consecutive ones become one assistant turn) and their
 * outputs. Other items (reasoning, item_reference, hosted-tool calls) are dropped.
 */
function toMessages(items: InputItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  // Images returned by a tool go in a user turn after the tool results (chat tool messages carry text).
  let toolImages: ChatPart[] = [];
  const flushToolImages = () => {
    if (toolImages.length > 0) messages.push({ role: "user", content: toolImages });
    toolImages = [];
  };
  items.forEach((item, index) => {
    if (item.type !== "function_call_output") flushToolImages();
    switch (item.type) {
      case "message": {
        const role = item.role === "developer" ? "system" : item.role;
        const parts = item.content.map((part, n) => toChatPart(part, `input.${index}.content.${n}`));
        const images = parts.some((part) => part.type === "image_url");
        if (images && role !== "user")
          throw new AppError("invalid_request", `input.${index}: images are only supported in user messages.`, `input.${index}.content`);
        messages.push({ role, content: images ? parts : joinText(parts) });
        return;
      }
      case "function_call": {
        const call = { id: item.call_id, type: "function" as const, function: { name: item.name, arguments: item.arguments } };
        const last = messages.at(-1);
        if (last?.role === "assistant") last.tool_calls = [...(last.tool_calls ?? []), call];
        else messages.push({ role: "assistant", content: null, tool_calls: [call] });
        return;
      }
      case "function_call_output": {
        const parts = item.output.map((part, n) => toChatPart(part, `input.${index}.output.${n}`));
        const images = parts.filter((part) => part.type === "image_url");
        toolImages.push(...images);
        const text = joinText(parts.filter((part) => part.type === "text"));
        messages.push({ role: "tool", tool_call_id: item.call_id, content: text || (images.length > 0 ? "(image attached in the next message)" : "") });
        return;
      }
      case "ignored":
        return;
    }
  });
  flushToolImages();
  return messages;
}

function toChatPart(part: ContentPart, param: string): ChatPart {
  switch (part.type) {
    case "input_text":
    case "output_text":
    case "text":
      return { type: "text", text: part.text };
    case "refusal":
      return { type: "text", text: part.refusal };
    case "input_image":
      if (!part.image_url)
        throw new AppError(
          "invalid_request",
          `${param}: send the image as image_url (https or data: URL); file ids need a Files API, which freellmapi does not have.`,
          param,
        );
      return { type: "image_url", image_url: { url: part.image_url, ...(part.detail && part.detail !== "original" ? { detail: part.detail } : {}) } };
    case "input_file":
    case "input_audio":
      throw new AppError("invalid_request", `${param}: ${part.type} parts are not supported; send text or images.`, param);
  }
}

function joinText(parts: ChatPart[]): string {
  return parts.map((part) => (part.type === "text" ? part.text : "")).join("\n\n");
}

/** Function tools as offered; namespaces give their functions; every other tool type is dropped. */
function flattenTools(tools: NonNullable<ResponsesRequest["tools"]>) {
  const out: FunctionTool[] = [];
  const namespaces = new Map<string, string>();
  const seen = new Set<string>();
  const add = (fn: FunctionTool, namespace?: string) => {
    // A name offered twice would be ambiguous upstream: the first one wins.
    if (seen.has(fn.name)) return;
    seen.add(fn.name);
    out.push(fn);
    if (namespace) namespaces.set(fn.name, namespace);
  };
  for (const tool of tools) {
    if (tool.type === "function") add(tool);
    if (tool.type === "namespace") for (const inner of tool.tools) if (inner.type === "function") add(inner, tool.name);
  }
  return { tools: out, namespaces };
}

function applyToolChoice(tools: FunctionTool[], choice: ToolChoice | undefined): { tools: FunctionTool[]; choice: ChatCompletionRequest["tool_choice"] } {
  if (choice === undefined || typeof choice === "string") return { tools, choice };
  const known = (name: string | undefined) => tools.some((tool) => tool.name === name);
  if (choice.type === "function" && typeof choice.name !== "string")
    throw new AppError("invalid_request", "tool_choice.name: name the function to call.", "tool_choice.name");
  if (choice.type === "function" && typeof choice.name === "string") {
    if (!known(choice.name)) throw new AppError("invalid_request", `tool_choice: no function tool named "${choice.name}" in tools.`, "tool_choice");
    return { tools, choice: { type: "function", function: { name: choice.name } } };
  }
  if (choice.type === "allowed_tools" && Array.isArray(choice.tools)) {
    const allowed = new Set((choice.tools as Array<{ name?: string }>).map((tool) => tool.name));
    return { tools: tools.filter((tool) => allowed.has(tool.name)), choice: choice.mode as "auto" | "required" };
  }
  throw new AppError(
    "invalid_request",
    `tool_choice: freellmapi runs only function tools; "${choice.type}" tools are dropped from requests, so they cannot be forced.`,
    "tool_choice",
  );
}

function toChatTool(tool: FunctionTool): ChatTool {
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.parameters ?? { type: "object", properties: {} },
      ...(tool.strict != null ? { strict: tool.strict } : {}),
    },
  };
}
