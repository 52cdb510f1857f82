import { anthropicErrorType } from "@/lib/protocols/anthropic/error-type";
import { describeError, errorHeaders } from "@/lib/errors/describe-error";
import { jsonResponse } from "./http-response";

/** Anthropic's error envelope, with the request id in the body and in `request-id` as Anthropic sends it. */
export function anthropicErrorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const parts = describeError(error);
  const body = {
    type: "error",
    error: { type: anthropicErrorType(parts.status), message: parts.message, code: parts.code, ...parts.details },
    request_id: requestId,
  };
  const merged = errorHeaders(parts, requestId, headers);
  merged.set("request-id", requestId);
  return jsonResponse(body, { status: parts.status, headers: merged });
}
