import { randomUUID } from "node:crypto";
import type { ChatUsage } from "@/lib/protocols/chat-stream-events";
import type { ResponsesRequest } from "./schemas";
import type { TranslatedRequest } from "./to-chat-request";

export type OutputItem =
  | { type: "reasoning"; id: string; summary: Array<{ type: "summary_text"; text: string }>; status?: ItemStatus }
  | { type: "message"; id: string; role: "assistant"; status: ItemStatus; content: Array<{ type: "output_text"; text: string; annotations: []; logprobs: [] }> }
  | { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: ItemStatus; namespace?: string };
type ItemStatus = "in_progress" | "completed" | "incomplete";
export type ResponseStatus = "in_progress" | "completed" | "incomplete" | "failed";

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export const itemId = (prefix: "msg" | "rs" | "fc") => `${prefix}_${randomUUID().replaceAll("-", "")}`;

/** The response id names the request (`resp_<hex of x-request-id>`), so a log row and an answer meet. */
export const responseIdFor = (requestId: string) => `resp_${requestId.replace(/^req_/, "")}`;

export function toResponseUsage(usage: ChatUsage | null | undefined): ResponseUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage?.total_tokens ?? input + output,
  };
}

/** Chat finish reasons that end a response early, as Responses' `incomplete_details.reason`. */
export function incompleteReason(finish: string | null): "max_output_tokens" | "content_filter" | null {
  if (finish === "length") return "max_output_tokens";
  if (finish === "content_filter") return "content_filter";
  return null;
}

export interface ResponseFrame {
  id: string;
  createdAt: number;
  model: string;
}

/**
 * The Response object around the output: the request's settings described back (the tools as
 * offered upstream, `store: false` because nothing is kept), then status, output and usage.
 */
export function responseObject(
  request: ResponsesRequest,
  translated: TranslatedRequest,
  frame: ResponseFrame,
  state: {
    status: ResponseStatus;
    output: OutputItem[];
    usage: ResponseUsage | null;
    finish?: string | null;
    error?: { code: string; message: string } | null;
  },
) {
  const reason = state.status === "incomplete" ? incompleteReason(state.finish ?? null) : null;
  return {
    id: frame.id,
    object: "response" as const,
    created_at: frame.createdAt,
    status: state.status,
    ...(state.status === "completed" || state.status === "incomplete" ? { completed_at: Math.floor(Date.now() / 1000) } : {}),
    background: false,
    error: state.error ?? null,
    incomplete_details: reason ? { reason } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    metadata: request.metadata ?? {},
    model: frame.model,
    output: state.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: request.reasoning?.summary ?? null },
    store: false,
    temperature: request.temperature ?? null,
    text: { format: request.text?.format ?? { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: translated.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? null,
    })),
    top_p: request.top_p ?? null,
    truncation: "disabled",
    usage: state.usage,
    user: request.user ?? null,
  };
}
