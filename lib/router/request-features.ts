import { estimatePromptTokens } from "@/lib/providers/usage";

export interface RequestFeatures {
  tools: boolean;
  vision: boolean;
  json: boolean;
  stream: boolean;
  includeUsage: boolean;
  /** ~4 chars per token estimate; see lib/providers/usage.ts. */
  promptTokens: number;
}

/** What a candidate model must support to take this request. */
export function describeRequest(request: Record<string, unknown>): RequestFeatures {
  const messages = Array.isArray(request.messages) ? (request.messages as Array<{ content?: unknown }>) : [];
  const format = request.response_format as { type?: string } | undefined;
  const stream = request.stream === true;
  return {
    tools: Array.isArray(request.tools) && request.tools.length > 0,
    vision: messages.some((m) => Array.isArray(m.content) && m.content.some((part) => part?.type === "image_url")),
    json: format?.type === "json_object" || format?.type === "json_schema",
    stream,
    includeUsage: stream && (request.stream_options as { include_usage?: boolean } | null | undefined)?.include_usage === true,
    promptTokens: estimatePromptTokens(request),
  };
}
