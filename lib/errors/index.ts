import { ZodError } from "zod";
import { isDatabaseUnreachable } from "@/lib/db/database-error-code";

/**
 * The one table of failure codes: a code decides its HTTP status on every surface, so the same
 * failure answers the same way. lib/ throws `AppError`s that carry a code and never a status.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_identifier: 400,
  context_length_exceeded: 400,
  no_provider_keys: 400,
  unsafe_upstream: 400,
  provider_config: 400,
  provider_key_rejected: 400,
  invalid_api_key: 401,
  unauthorized: 401,
  forbidden: 403,
  model_not_allowed: 403,
  not_found: 404,
  model_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  provider_keys_invalid: 424,
  rate_limit_exceeded: 429,
  quota_exceeded: 429,
  all_providers_exhausted: 429,
  client_closed: 499,
  provider_unavailable: 502,
  service_unavailable: 503,
  providers_unavailable: 503,
  internal_error: 500,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  /** Seconds until a retry may succeed, answered as `Retry-After`. */
  retryAfterSeconds?: number | null;
  /** Headers the answer carries besides (rate-limit counters). */
  headers?: Record<string, string>;
}

/** The base of every domain error: what the mappers read, whatever the subclass. No HTTP status: the mappers look the code up. */
export class AppError extends Error {
  readonly retryAfterSeconds: number | null;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly param: string | null = null,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.headers = options.headers ?? {};
  }

  /** The message as an error body shows it; errors that quote upstream text redact it here. */
  get publicMessage(): string {
    return this.message;
  }

  /** Fields an error body carries beyond code, message and param (none by default). */
  get details(): Record<string, unknown> {
    return {};
  }
}

export function statusForCode(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 500;
}

/** A failed parse as its first issue: the field's path as `param`, and a message that names it. */
export function describeZodIssue(error: ZodError): { message: string; param: string | null } {
  const issue = error.issues[0];
  const param = issue?.path.map(String).join(".") || null;
  return { message: param ? `${param}: ${issue.message}` : (issue?.message ?? "Invalid request"), param };
}

/** How long a caller is told to wait when the database cannot be reached (a restart, a pool that is full). */
const DATABASE_RETRY_SECONDS = 5;

/**
 * What the mappers answer with: domain errors as they are, a failed parse as `invalid_request`,
 * a database that cannot be reached (refused, timed out, no free connection) as
 * `service_unavailable`, anything else null (a bare 500).
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const { message, param } = describeZodIssue(error);
    return new AppError("invalid_request", message, param);
  }
  if (isDatabaseUnreachable(error)) {
    return new AppError("service_unavailable", "The gateway's database cannot be reached right now; try again in a few seconds.", null, {
      retryAfterSeconds: DATABASE_RETRY_SECONDS,
    });
  }
  return null;
}

/** OpenAI's `error.type` for each status class, so SDKs raise the matching exception. */
export function openAiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}
