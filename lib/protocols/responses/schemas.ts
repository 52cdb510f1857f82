import { z } from "zod";

/**
 * What clients send to POST /v1/responses. Lenient the way the API is: unknown fields are
 * dropped, item and tool types the gateway cannot express become `{ type: "ignored" }` (see
 * docs/PROTOCOLS.md), and what it can express is checked field by field.
 */

const KNOWN_ITEMS = new Set(["message", "function_call", "function_call_output"]);
const KNOWN_TOOLS = new Set(["function", "namespace"]);

/** Items and tools of other types keep only their type, so they can be dropped (and named) later. */
const ignoredUnless = (known: Set<string>) => (value: unknown) => {
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  // An input message may leave out `type` (OpenAI's EasyInputMessage).
  if (record.type === undefined && "role" in record) return { ...record, type: "message" };
  if (typeof record.type === "string" && !known.has(record.type)) return { type: "ignored", was: record.type };
  return value;
};
const ignored = z.object({ type: z.literal("ignored"), was: z.string() });

const text = z.object({ type: z.enum(["input_text", "output_text", "text"]), text: z.string() });
const refusal = z.object({ type: z.literal("refusal"), refusal: z.string() });
const image = z.object({
  type: z.literal("input_image"),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(["auto", "low", "high", "original"]).nullish(),
});
const file = z.object({ type: z.literal("input_file") });
const audio = z.object({ type: z.literal("input_audio") });
const contentPart = z.discriminatedUnion("type", [text, refusal, image, file, audio]);
export type ContentPart = z.infer<typeof contentPart>;
// A bare string is one text part (a union would hide which field of an array is wrong).
const content = z.preprocess(
  (value) => (typeof value === "string" ? [{ type: "input_text", text: value }] : value),
  z.array(contentPart, { error: "expected a string or an array of content parts" }),
);

const message = z.object({
  type: z.literal("message"),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content,
});

const functionCall = z.object({
  type: z.literal("function_call"),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});

const functionCallOutput = z.object({
  type: z.literal("function_call_output"),
  call_id: z.string().min(1),
  output: content,
});

const inputItem = z.preprocess(ignoredUnless(KNOWN_ITEMS), z.discriminatedUnion("type", [message, functionCall, functionCallOutput, ignored]));
export type InputItem = z.infer<typeof inputItem>;

const functionTool = z.object({
  type: z.literal("function"),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
export type FunctionTool = z.infer<typeof functionTool>;

const namespaceTool = z.object({
  type: z.literal("namespace"),
  name: z.string().min(1),
  tools: z.array(z.preprocess(ignoredUnless(new Set(["function"])), z.discriminatedUnion("type", [functionTool, ignored]))),
});

const tool = z.preprocess(ignoredUnless(KNOWN_TOOLS), z.discriminatedUnion("type", [functionTool, namespaceTool, ignored]));

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.object({ type: z.literal("function"), name: z.string().min(1) }),
  z.object({
    type: z.literal("allowed_tools"),
    mode: z.enum(["auto", "required"]),
    tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional() })),
  }),
  // Hosted and custom tools (`{type: "web_search"}`, `{type: "custom", name}`...).
  z.looseObject({ type: z.string() }),
]);
export type ToolChoice = z.infer<typeof toolChoice>;

const textFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
]);
export type TextFormat = z.infer<typeof textFormat>;

export const responsesRequestSchema = z.object({
  model: z.string().min(1),
  input: z
    .preprocess(
      (value) => (typeof value === "string" ? [{ type: "message", role: "user", content: value }] : value),
      z.array(inputItem, { error: "expected a string or an array of input items" }),
    )
    .optional(),
  instructions: z.string().nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  text: z.object({ format: textFormat.nullish() }).nullish(),
  reasoning: z.object({ effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).nullish(), summary: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  // Accepted only so their refusal can say why (nothing is stored; see toChatRequest).
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  prompt: z.unknown().optional(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
