import { randomUUID } from "node:crypto";
import { verifyApiKey, type VerifiedApiKey } from "@/lib/api-keys";
import { authenticateBrowserToken, isBrowserToken, type BrowserTokenGrant } from "@/lib/browser-tokens";
import { AppError } from "@/lib/errors";
import { readPreferences, type Caller } from "@/lib/gateway/caller";
import { IDENTIFIER_HEADER, assertRequestLimits, parseIdentifier, RateLimitExceededError, type EndUserId } from "@/lib/limits";
import { observeRequest } from "@/lib/observability/observe-request";
import { isOutcomeRecorded } from "@/lib/observability/unrouted-requests";
import type { Protocol } from "@/lib/protocols/protocol";
import { flushUsageAfterResponse } from "@/lib/usage/flush-after-response";
import { recordLimitRejection } from "@/lib/usage/recorder";
import { withCors } from "./cors";
import type { ApiSurface } from "./api-surface";
import { assertStorableParams } from "@/lib/validation/storable-text";

export interface ApiKeyContext {
  apiKey: VerifiedApiKey;
  /** Set when the caller presented a browser token instead of the unified key itself. */
  browserToken: BrowserTokenGrant | null;
  /**
   * Who is calling, for the gateway (usage, limits, the request log): the request id, the end user
   * named by `x-freellmapi-identifier` or by the browser token, and the request's preferences.
   */
  caller: Caller;
}

export type ApiKeyHandler<P> = (request: Request, ctx: ApiKeyContext, params: P) => Promise<Response>;

/** `Authorization: Bearer <key or browser token>` (OpenAI SDKs, Claude Code) or `x-api-key: <key>` (Anthropic SDKs). */
function presentedKey(request: Request): string | null {
  const match = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? request.headers.get("x-api-key")?.trim() ?? null;
}

export function newRequestId(): string {
  return `req_${randomUUID().replaceAll("-", "")}`;
}

/**
 * Everything /v1/* shares: a request id, the unified key (or a browser token standing for it),
 * the end-user identifier, the limits (one round trip) and their headers, CORS, and errors in the
 * surface's envelope.
 */
export function withApiKey<P = unknown>(surface: ApiSurface, protocol: Protocol, handler: ApiKeyHandler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const startedAt = Date.now();
    let limitHeaders: Record<string, string> = {};
    let apiKey: VerifiedApiKey | null = null;
    let caller: Caller | undefined;
    // Requests the router never saw are observed here; routed ones when their outcome is recorded.
    const observeUnrouted = (status: number, error?: unknown) => {
      if (isOutcomeRecorded(caller)) return;
      const code = (error as { code?: unknown } | undefined)?.code;
      observeRequest({
        requestId,
        protocol,
        userId: apiKey?.userId ?? null,
        apiKeyId: apiKey?.id ?? null,
        requestedModel: null,
        providerId: null,
        model: null,
        status,
        errorCode: typeof code === "string" ? code : null,
        stream: false,
        latencyMs: Date.now() - startedAt,
        promptTokens: 0,
        completionTokens: 0,
        attempts: [],
      });
    };
    let browserToken: BrowserTokenGrant | null = null;
    try {
      const token = presentedKey(request);
      if (!token) throw new AppError("invalid_api_key", "Missing API key. Send `Authorization: Bearer freellmapi-...` or `x-api-key: freellmapi-...`.");
      if (isBrowserToken(token)) {
        browserToken = await authenticateBrowserToken(token, request);
        apiKey = browserToken.apiKey;
      } else {
        apiKey = await verifyApiKey(token);
      }
      if (!apiKey) throw new AppError("invalid_api_key", "Invalid, revoked or expired API key.");
      const identifier = identifierFor(request, browserToken);
      // Checked while the handler reads the body and the router reads its state (with Redis, the
      // two round trips overlap); the router calls no provider before it resolves.
      const admission = assertRequestLimits({
        userId: apiKey.userId,
        apiKeyId: apiKey.id,
        identifier,
        dailyRequestCap: apiKey.dailyRequestCap,
        dailyTokenCap: apiKey.dailyTokenCap,
        monthlyRequestCap: apiKey.monthlyRequestCap,
        monthlyTokenCap: apiKey.monthlyTokenCap,
      });
      const admitted = admission.then(() => undefined);
      admitted.catch(() => undefined); // awaited below; a handler that never routes must not leave it unhandled
      const modelAllowlist = browserToken?.modelAllowlist ?? apiKey.modelAllowlist;
      let response: Response;
      try {
        const params = await route.params;
        assertStorableParams(params);
        caller = {
          requestId,
          userId: apiKey.userId,
          apiKeyId: apiKey.id,
          identifier,
          protocol,
          modelAllowlist,
          responseCache: apiKey.responseCache,
          admitted,
          preferences: readPreferences(request),
        };
        response = await handler(request, { apiKey, browserToken, caller }, params);
      } finally {
        // A refused request answers 429 whatever else was wrong with it, as when the check came first.
        limitHeaders = await admission;
      }
      response.headers.set("x-request-id", requestId);
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      observeUnrouted(response.status);
      return withCors(request, response, browserToken?.origin);
    } catch (error) {
      const response = surface.errorResponse(error, requestId, limitHeaders);
      // A refused limit is recorded as a request outcome (usage log), which observes it.
      if (error instanceof RateLimitExceededError && apiKey) {
        recordLimitRejection(apiKey, requestId, protocol, error.code);
        flushUsageAfterResponse();
      } else observeUnrouted(response.status, error);
      return withCors(request, response, browserToken?.origin);
    }
  };
}

/** A browser token fixes its end user: the page may not pick another bucket with the header. */
function identifierFor(request: Request, browserToken: BrowserTokenGrant | null): EndUserId | undefined {
  const sent = parseIdentifier(request.headers.get(IDENTIFIER_HEADER));
  if (!browserToken) return sent;
  if (sent !== undefined && sent !== browserToken.identifier) {
    throw new AppError(
      "forbidden",
      "This browser token's end user is set by the server that minted it; do not send a different x-freellmapi-identifier.",
      IDENTIFIER_HEADER,
    );
  }
  return browserToken.identifier;
}
