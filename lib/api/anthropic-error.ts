import { describeError, errorHeaders } from "./describe-error";

/**
 * Anthropic's `error.type` for each status, as its API documents them (the SDKs pick the exception
 * class by status). No provider able to answer (503) is Anthropic's "overloaded": retry later.
 */
export function anthropicErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 402) return "billing_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 409) return "conflict_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status === 503 || status === 529) return "overloaded_error";
  if (status === 504) return "timeout_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

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
  return Response.json(body, { status: parts.status, headers: merged });
}
