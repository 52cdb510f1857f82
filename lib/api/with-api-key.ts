import { randomUUID } from "node:crypto";
import { verifyApiKey, type VerifiedApiKey } from "@/lib/api-keys";
import { AppError } from "@/lib/errors";
import type { Caller, RequestPreferences } from "@/lib/gateway/route-context";
import { readPreferences } from "@/lib/gateway/route-context";
import { IDENTIFIER_HEADER, assertRequestLimits, parseIdentifier, RateLimitExceededError } from "@/lib/limits";
import type { Protocol } from "@/lib/protocols/protocol";
import { recordLimitRejection } from "@/lib/usage/recorder";
import { withCors } from "./cors";
import type { ApiSurface } from "./api-surface";
import { assertStorableParams } from "@/lib/validation/storable-text";

export interface ApiKeyContext {
  requestId: string;
  apiKey: VerifiedApiKey;
  /** The end user named by `x-freellmapi-identifier`, when sent. */
  identifier: string | undefined;
  /** Who is calling, for the gateway (usage, limits, the request log). */
  caller: Caller;
  preferences: RequestPreferences;
}

export type ApiKeyHandler<P> = (request: Request, ctx: ApiKeyContext, params: P) => Promise<Response>;

/** `Authorization: Bearer <key>` (OpenAI SDKs, Claude Code) or `x-api-key: <key>` (Anthropic SDKs). */
function presentedKey(request: Request): string | null {
  const match = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? request.headers.get("x-api-key")?.trim() ?? null;
}

export function newRequestId(): string {
  return `req_${randomUUID().replaceAll("-", "")}`;
}

/**
 * Everything /v1/* shares: a request id, the unified key, the end-user identifier, the limits
 * (one round trip) and their headers, CORS, and errors in the surface's envelope.
 */
export function withApiKey<P = unknown>(surface: ApiSurface, protocol: Protocol, handler: ApiKeyHandler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    let limitHeaders: Record<string, string> = {};
    let apiKey: VerifiedApiKey | null = null;
    try {
      const token = presentedKey(request);
      if (!token) throw new AppError("invalid_api_key", "Missing API key. Send `Authorization: Bearer freellmapi-...` or `x-api-key: freellmapi-...`.");
      apiKey = await verifyApiKey(token);
      if (!apiKey) throw new AppError("invalid_api_key", "Invalid, revoked or expired API key.");
      const identifier = parseIdentifier(request.headers.get(IDENTIFIER_HEADER));
      // Checked while the handler reads the body and the router reads its state (with Redis, the
      // two round trips overlap); the router calls no provider before it resolves.
      const admission = assertRequestLimits({
        userId: apiKey.userId,
        apiKeyId: apiKey.id,
        identifier,
        dailyRequestCap: apiKey.dailyRequestCap,
        dailyTokenCap: apiKey.dailyTokenCap,
      });
      const admitted = admission.then(() => undefined);
      admitted.catch(() => undefined); // awaited below; a handler that never routes must not leave it unhandled
      const caller: Caller = { requestId, userId: apiKey.userId, apiKeyId: apiKey.id, identifier, protocol, modelAllowlist: apiKey.modelAllowlist, admitted };
      let response: Response;
      try {
        const params = await route.params;
        assertStorableParams(params);
        response = await handler(request, { requestId, apiKey, identifier, caller, preferences: readPreferences(request) }, params);
      } finally {
        // A refused request answers 429 whatever else was wrong with it, as when the check came first.
        limitHeaders = await admission;
      }
      response.headers.set("x-request-id", requestId);
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return withCors(request, response);
    } catch (error) {
      if (error instanceof RateLimitExceededError && apiKey) recordLimitRejection(apiKey, requestId, protocol);
      return withCors(request, surface.errorResponse(error, requestId, limitHeaders));
    }
  };
}
