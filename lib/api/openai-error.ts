import { ZodError } from "zod";
import { AppError, openAiErrorType, statusForCode } from "@/lib/errors";
import { InvalidIdentifierError, RateLimitExceededError } from "@/lib/limits";
import { GatewayError } from "@/lib/router";
import { log } from "@/lib/log";

interface ErrorParts {
  status: number;
  code: string;
  message: string;
  param: string | null;
  headers: Record<string, string>;
  extra: Record<string, unknown>;
}

function describe(error: unknown): ErrorParts {
  const base = { param: null as string | null, headers: {} as Record<string, string>, extra: {} };
  if (error instanceof GatewayError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds != null) headers["retry-after"] = String(error.retryAfterSeconds);
    const extra = error.code === "all_providers_exhausted" ? { providers: error.providers } : {};
    return { status: statusForCode(error.code), code: error.code, message: error.message, param: error.param, headers, extra };
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
    return { ...base, status: 400, code: "invalid_request", message: param ? `${param}: ${issue.message}` : issue?.message ?? "Invalid request", param };
  }
  log.error("Unhandled error in the OpenAI-compatible API", error);
  return { ...base, status: 500, code: "internal_error", message: "Internal error" };
}

/** OpenAI's error envelope, so every SDK raises the matching exception; always with the request id. */
export function openAiErrorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const parts = describe(error);
  const body = {
    error: { message: parts.message, type: openAiErrorType(parts.status), param: parts.param, code: parts.code, request_id: requestId, ...parts.extra },
  };
  // Merged case-insensitively: the limiter's `Retry-After` and ours must not both be sent ("21, 21").
  const merged = new Headers(headers);
  for (const [name, value] of Object.entries(parts.headers)) merged.set(name, value);
  merged.set("x-request-id", requestId);
  return Response.json(body, { status: parts.status, headers: merged });
}
