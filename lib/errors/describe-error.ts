import { ERROR_STATUS, toAppError } from ".";
import { log } from "@/lib/log";

/** What every /v1 surface needs to answer an error, whatever envelope it wraps it in. */
export interface ErrorParts {
  status: number;
  code: string;
  message: string;
  param: string | null;
  headers: Record<string, string>;
  /** Fields the envelope carries beyond these (where each candidate stood, for gateway errors that have it). */
  details: Record<string, unknown>;
}

export function describeError(error: unknown): ErrorParts {
  const known = toAppError(error);
  if (!known) {
    log.error("Unhandled error in the /v1 API", error);
    return { status: 500, code: "internal_error", message: "Internal error", param: null, headers: {}, details: {} };
  }
  const headers = { ...known.headers };
  if (known.retryAfterSeconds !== null) headers["retry-after"] = String(known.retryAfterSeconds);
  return { status: ERROR_STATUS[known.code], code: known.code, message: known.publicMessage, param: known.param, headers, details: known.details };
}

/** The error's own headers over the ones already set (limit headers), merged case-insensitively. */
export function errorHeaders(parts: ErrorParts, requestId: string, headers: Record<string, string> = {}): Headers {
  // The limiter's `Retry-After` and ours must not both be sent ("21, 21").
  const merged = new Headers(headers);
  for (const [name, value] of Object.entries(parts.headers)) merged.set(name, value);
  merged.set("x-request-id", requestId);
  return merged;
}
