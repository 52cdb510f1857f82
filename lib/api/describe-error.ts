import { ZodError } from "zod";
import { AppError, statusForCode } from "@/lib/errors";
import { InvalidIdentifierError, RateLimitExceededError } from "@/lib/limits";
import { log } from "@/lib/log";
import { redactSecrets } from "@/lib/redact";
import { GatewayError, type ProviderState } from "@/lib/router";

/** What every /v1 surface needs to answer an error, whatever envelope it wraps it in. */
export interface ErrorParts {
  status: number;
  code: string;
  message: string;
  param: string | null;
  headers: Record<string, string>;
  /** Where each candidate stood when the gateway gave up, for gateway errors that have it. */
  providers: ProviderState[] | null;
}

export function describeError(error: unknown): ErrorParts {
  const base = { param: null as string | null, headers: {} as Record<string, string>, providers: null };
  if (error instanceof GatewayError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds != null) headers["retry-after"] = String(error.retryAfterSeconds);
    // Provider texts are redacted where they are classified; once more here, as the body leaves.
    const providers = error.providers.length > 0 ? error.providers.map((p) => (p.message ? { ...p, message: redactSecrets(p.message) } : p)) : null;
    return { status: statusForCode(error.code), code: error.code, message: redactSecrets(error.message), param: error.param, headers, providers };
  }
  if (error instanceof RateLimitExceededError) {
    return { ...base, status: 429, code: error.code, message: error.message, headers: { ...error.headers, "retry-after": String(error.retryAfterSeconds) } };
  }
  if (error instanceof InvalidIdentifierError || error instanceof AppError) {
    return { ...base, status: statusForCode(error.code), code: error.code, message: error.message, param: error.param };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const param = issue?.path.join(".") || null;
    return { ...base, status: 400, code: "invalid_request", message: param ? `${param}: ${issue.message}` : (issue?.message ?? "Invalid request"), param };
  }
  log.error("Unhandled error in the /v1 API", error);
  return { ...base, status: 500, code: "internal_error", message: "Internal error" };
}

/** The error's own headers over the ones already set (limit headers), merged case-insensitively. */
export function errorHeaders(parts: ErrorParts, requestId: string, headers: Record<string, string> = {}): Headers {
  // The limiter's `Retry-After` and ours must not both be sent ("21, 21").
  const merged = new Headers(headers);
  for (const [name, value] of Object.entries(parts.headers)) merged.set(name, value);
  merged.set("x-request-id", requestId);
  return merged;
}
