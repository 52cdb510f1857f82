import { openAiErrorType } from "@/lib/errors";
import { describeError, errorHeaders } from "@/lib/errors/describe-error";
import { jsonResponse } from "./http-response";

/** OpenAI's error envelope, so every SDK raises the matching exception; always with the request id. */
export function openAiErrorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const parts = describeError(error);
  const body = {
    error: {
      message: parts.message,
      type: openAiErrorType(parts.status),
      param: parts.param,
      code: parts.code,
      request_id: requestId,
      ...parts.details,
    },
  };
  return jsonResponse(body, { status: parts.status, headers: errorHeaders(parts, requestId, headers) });
}
