import { randomUUID } from "node:crypto";
import { verifyApiKey, type VerifiedApiKey } from "@/lib/api-keys";
import { AppError } from "@/lib/errors";
import { IDENTIFIER_HEADER, assertRequestLimits, parseIdentifier, RateLimitExceededError } from "@/lib/limits";
import { recordLimitRejection } from "@/lib/usage/recorder";
import { openAiErrorResponse } from "./openai-error";

export interface ApiKeyContext {
  requestId: string;
  apiKey: VerifiedApiKey;
  /** The end user named by `x-freellmapi-identifier`, when sent. */
  identifier: string | undefined;
}

type Handler<P> = (request: Request, ctx: ApiKeyContext, params: P) => Promise<Response>;

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/**
 * Everything /v1/* shares: a request id, the unified key, the end-user identifier, the limits
 * (one round trip) and their headers, and OpenAI-shaped errors. Handlers only do their own work.
 */
export function withApiKey<P = unknown>(handler: Handler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    let limitHeaders: Record<string, string> = {};
    let apiKey: VerifiedApiKey | null = null;
    try {
      const token = bearerToken(request);
      if (!token) throw new AppError("invalid_api_key", "Missing API key. Send `Authorization: Bearer freellmapi-...`.");
      apiKey = await verifyApiKey(token);
      if (!apiKey) throw new AppError("invalid_api_key", "Invalid, revoked or expired API key.");
      const identifier = parseIdentifier(request.headers.get(IDENTIFIER_HEADER));
      limitHeaders = await assertRequestLimits({
        userId: apiKey.userId,
        apiKeyId: apiKey.id,
        identifier,
        dailyRequestCap: apiKey.dailyRequestCap,
        dailyTokenCap: apiKey.dailyTokenCap,
      });
      const response = await handler(request, { requestId, apiKey, identifier }, await route.params);
      response.headers.set("x-request-id", requestId);
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      if (error instanceof RateLimitExceededError && apiKey) recordLimitRejection(apiKey, requestId);
      return openAiErrorResponse(error, requestId, limitHeaders);
    }
  };
}
