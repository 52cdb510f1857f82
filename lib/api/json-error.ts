import { ZodError } from "zod";
import { AppError, statusForCode } from "@/lib/errors";
import { log } from "@/lib/log";

export interface JsonErrorBody {
  error: { code: string; message: string; param?: string; requestId: string };
}

export function jsonError(status: number, code: string, message: string, requestId: string, param?: string | null, headers: Record<string, string> = {}) {
  const body: JsonErrorBody = { error: { code, message, ...(param ? { param } : {}), requestId } };
  return Response.json(body, { status, headers: { ...headers, "x-request-id": requestId, "cache-control": "no-store" } });
}

/** The dashboard API's one error mapper: domain codes through ERROR_STATUS, anything else a bare 500. */
export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError) {
    return jsonError(statusForCode(error.code), error.code, error.message, requestId, error.param);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const param = issue?.path.join(".") || null;
    const message = param ? `${param}: ${issue.message}` : (issue?.message ?? "Invalid request");
    return jsonError(400, "invalid_request", message, requestId, param);
  }
  log.error(`Unhandled error in the account API (request ${requestId})`, error);
  return jsonError(500, "internal_error", "Something went wrong on our side. Try again.", requestId);
}
