/**
 * Domain errors thrown by lib/: they carry a code and never an HTTP status. Each API surface
 * maps codes to statuses through `ERROR_STATUS`, so the same failure answers the same way.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "AppError";
  }
}

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

/** OpenAI's `error.type` for each status class, so SDKs raise the matching exception. */
export function openAiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export function statusForCode(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 500;
}
