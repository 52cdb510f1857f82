import { estimatePromptTokens } from "@/lib/providers/usage";
import type { ChatCompletionRequest } from "./schemas";

export interface RequestFeatures {
  tools: boolean;
  vision: boolean;
  json: boolean;
  stream: boolean;
  includeUsage: boolean;
  /** ~4 chars per token estimate; see lib/providers/usage.ts. */
  promptTokens: number;
}

type Described = Pick<ChatCompletionRequest, "messages"> & Partial<Pick<ChatCompletionRequest, "tools" | "response_format" | "stream" | "stream_options">>;

/** JSON mode: `json_object` or `json_schema`. */
export function asksForJson(request: Pick<Described, "response_format">): boolean {
  const type = request.response_format?.type;
  return type === "json_object" || type === "json_schema";
}

/** What a candidate model must support to take this (validated) request. */
export function describeRequest(request: Described): RequestFeatures {
  const stream = request.stream === true;
  return {
    tools: (request.tools?.length ?? 0) > 0,
    vision: request.messages.some((m) => Array.isArray(m.content) && m.content.some((part) => part.type === "image_url")),
    json: asksForJson(request),
    stream,
    includeUsage: stream && request.stream_options?.include_usage === true,
    promptTokens: estimatePromptTokens(request),
  };
}
