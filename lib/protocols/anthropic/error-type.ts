import { ERROR_STATUS, statusForCode } from "@/lib/errors";

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

/**
 * An in-stream `error` event's type: a code of the gateway's own table maps as the same failure
 * would before the stream began; anything else is the provider's words, read for an overload.
 */
export function anthropicStreamErrorType(message: string, code: string | null): string {
  if (code !== null && Object.hasOwn(ERROR_STATUS, code)) return anthropicErrorType(statusForCode(code));
  return /overload|rate.?limit|capacity|unavailable/i.test(`${code ?? ""} ${message}`) ? "overloaded_error" : "api_error";
}
