import { z } from "zod";

/**
 * What Anthropic clients send to /v1/messages. Lenient on purpose: unknown fields (metadata,
 * context_management, cache_control, container, mcp_servers...) are ignored, and so are content
 * block types freellmapi has no use for, so a new client field never breaks a request.
 */

const textBlock = z.looseObject({ type: z.literal("text"), text: z.string() });

const imageSource = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("base64"), media_type: z.string().min(1), data: z.string().min(1) }),
  z.looseObject({ type: z.literal("url"), url: z.string().min(1) }),
  z.looseObject({ type: z.literal("file"), file_id: z.string() }),
]);
const imageBlock = z.looseObject({ type: z.literal("image"), source: imageSource });

const documentBlock = z.looseObject({
  type: z.literal("document"),
  source: z.looseObject({ type: z.string(), data: z.string().optional(), media_type: z.string().optional() }),
  title: z.string().nullish(),
});

/** Drops content blocks of types the gateway does not read (server tool results, search_result...) before parsing. */
const onlyBlocks = (...types: string[]) => {
  const known = new Set(types);
  return (value: unknown) =>
    Array.isArray(value) ? value.filter((block) => !(block && typeof block === "object" && typeof block.type === "string" && !known.has(block.type))) : value;
};
const withoutUnknownBlocks = onlyBlocks("text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking");

// What tool search returns: the named deferred tool becomes available from then on.
const toolReferenceBlock = z.looseObject({ type: z.literal("tool_reference"), tool_name: z.string().min(1) });
const toolResultContent = z.union([
  z.string(),
  z.preprocess(
    onlyBlocks("text", "image", "document", "tool_reference"),
    z.array(z.discriminatedUnion("type", [textBlock, imageBlock, documentBlock, toolReferenceBlock])),
  ),
]);

const contentBlock = z.discriminatedUnion("type", [
  textBlock,
  imageBlock,
  documentBlock,
  z.looseObject({ type: z.literal("tool_use"), id: z.string().min(1), name: z.string().min(1), input: z.unknown() }),
  z.looseObject({ type: z.literal("tool_result"), tool_use_id: z.string().min(1), content: toolResultContent.optional(), is_error: z.boolean().nullish() }),
  z.looseObject({ type: z.literal("thinking") }),
  z.looseObject({ type: z.literal("redacted_thinking") }),
]);

const messageParam = z.looseObject({
  // Claude Code sends `system` entries inside `messages` besides the top-level `system`.
  role: z.enum(["user", "assistant", "system"]),
  content: z.union([z.string(), z.preprocess(withoutUnknownBlocks, z.array(contentBlock))]),
});

const tool = z.looseObject({
  // Absent or "custom" for client tools; Anthropic's own tools (web_search_..., bash_...) carry a versioned type.
  type: z.string().nullish(),
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()).nullish(),
  /** Offered only once a tool_reference in a tool result names it, as Anthropic's tool search does. */
  defer_loading: z.boolean().nullish(),
});

const toolChoice = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal("tool"), name: z.string().min(1), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal("none") }),
]);

// `type` stays open: "enabled", "disabled", "adaptive", "between_tools" and whatever comes next.
const thinking = z.looseObject({ type: z.string(), budget_tokens: z.number().int().nonnegative().nullish(), display: z.string().nullish() });

const outputConfig = z.looseObject({
  effort: z.string().nullish(),
  format: z.looseObject({ type: z.string(), schema: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});

const system = z.union([z.string(), z.preprocess(onlyBlocks("text"), z.array(textBlock))]);

/** POST /v1/messages, and POST /v1/messages/count_tokens (which sends no max_tokens). */
export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageParam).min(1),
  system: system.nullish(),
  max_tokens: z.number().int().positive().nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().nullish(),
  stream: z.boolean().nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  thinking: thinking.nullish(),
  output_config: outputConfig.nullish(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type MessageParam = MessagesRequest["messages"][number];
export type ContentBlock = Exclude<MessageParam["content"], string>[number];
export type ToolResultBlock = Extract<ContentBlock, { type: "tool_result" }>;
export type ImageBlock = Extract<ContentBlock, { type: "image" }>;
export type DocumentBlock = Extract<ContentBlock, { type: "document" }>;
