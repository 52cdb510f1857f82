import { ERROR_STATUS, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { jsonResponse } from "./http-response";

export interface JsonErrorBody {
  error: { code: string; message: string; param?: string; requestId: string };
}

function jsonError(status: number, code: string, message: string, requestId: string, param?: string | null, headers: Record<string, string> = {}) {
  const body: JsonErrorBody = { error: { code, message, ...(param ? { param } : {}), requestId } };
  return jsonResponse(body, { status, headers: { ...headers, "x-request-id": requestId, "cache-control": "no-store" } });
}

/** The dashboard API's one error mapper: domain codes through the code table, anything else a bare 500. */
export function errorResponse(error: unknown, requestId: string): Response {
  const known = toAppError(error);
  if (known) return jsonError(ERROR_STATUS[known.code], known.code, known.message, requestId, known.param, known.headers);
  log.error(`Unhandled error in the account API (request ${requestId})`, error);
  return jsonError(500, "internal_error", "Something went wrong on our side. Try again.", requestId);
}
