import { responseCacheKey } from "@/lib/cache/cache-key";
import type { CachedAnswer } from "@/lib/cache/cached-answer";
import { CACHE_HEADER } from "@/lib/cache/cache-directive";
import { replayAsStream } from "@/lib/cache/replay-stream";
import { getResponseCacheStore, MAX_ENTRY_BYTES } from "@/lib/cache/response-cache-store";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { recordCacheLookup } from "@/lib/observability/metrics";
import type { ChatCompletionRequest, GatewayResponse, RouteContext, RouteOutcome } from "@/lib/router";
import { tapChatStream } from "./chat-stream-tap";
import { asksForJson } from "@/lib/router/request-features";
import type { Caller } from "./caller";

type Route = (ctx: RouteContext) => Promise<GatewayResponse>;
type CacheState = "hit" | "miss" | "bypass";

function mark(result: GatewayResponse, state: CacheState): GatewayResponse {
  recordCacheLookup(state);
  return { ...result, headers: { ...result.headers, [CACHE_HEADER]: state } };
}

/**
 * The response cache around the router, for every protocol that goes through chat (Chat
 * Completions, Responses, Messages, legacy completions). A hit answers from the stored
 * `chat.completion`, as JSON or replayed as a stream, and is recorded as cached with zero tokens;
 * a miss stores a clean 200 answer. Rules (docs/ROUTING.md): per user; off with
 * CACHE_TTL_SECONDS=0, the key's switch or `x-freellmapi-cache: no-store`; a streamed answer
 * sampled with temperature > 0 (or the provider default) is stored only with `force`.
 */
export async function withResponseCache(request: ChatCompletionRequest, caller: Caller, ctx: RouteContext, route: Route): Promise<GatewayResponse> {
  const { preferences } = caller;
  const ttl = getEnv().CACHE_TTL_SECONDS;
  if (ttl === 0) return route(ctx);
  if (!caller.responseCache || preferences.cache === "no-store") return mark(await route(ctx), "bypass");

  const startedAt = Date.now();
  const stream = request.stream === true;
  const store = getResponseCacheStore();
  const keyOf = (model: string) =>
    responseCacheKey({
      userId: caller.userId,
      request: model === request.model ? request : { ...request, model },
      strict: preferences.strict,
      privacy: preferences.privacy,
    });
  const key = keyOf(request.model);
  const cached = await store.get(key).catch(() => null);
  if (cached) return answerFromCache(cached, request, ctx, startedAt);

  const storable = !stream || request.temperature === 0 || preferences.cache === "force";
  if (!storable) return mark(await route(ctx), "miss");
  // Stored under the model the router routed: when another instance changed an alias, the routing
  // reload routes the fresh target, whose answer must not be filed under the stale one.
  const save = (routedModel: string | undefined, completion: Record<string, unknown>, providerId: string, model: string) => {
    const answer: CachedAnswer = { completion, providerId, model, storedAt: Date.now() };
    if (JSON.stringify(answer).length > MAX_ENTRY_BYTES) return;
    store
      .set(routedModel && routedModel !== request.model ? keyOf(routedModel) : key, answer, ttl)
      .catch((error) => log.warn("Could not store a cached answer", error));
  };

  if (!stream) {
    const result = await route(ctx);
    if (result.kind === "json" && result.status === 200) {
      const { headers } = result;
      save(
        headers["x-freellmapi-requested-model"],
        result.body as Record<string, unknown>,
        headers["x-freellmapi-provider"] ?? "",
        headers["x-freellmapi-model"] ?? "",
      );
    }
    return mark(result, "miss");
  }

  // A stream is stored only once it ended cleanly and the router counted it as answered.
  let reported: (outcome: RouteOutcome) => void = () => {};
  const outcome = new Promise<RouteOutcome>((resolve) => (reported = resolve));
  const result = await route({
    ...ctx,
    onComplete: (o) => {
      reported(o);
      return ctx.onComplete(o);
    },
  });
  if (result.kind !== "stream") return mark(result, "miss");
  const body = tapChatStream(result.body, {
    jsonMode: asksForJson(request),
    onEnd: (completion) => {
      if (!completion) return;
      void outcome.then((o) => {
        if (o.status !== "ok" || !o.providerId || !o.model) return;
        const usage = completion.usage ?? {
          prompt_tokens: o.promptTokens,
          completion_tokens: o.completionTokens,
          total_tokens: o.promptTokens + o.completionTokens,
        };
        save(o.requestedModel, { ...completion, usage }, o.providerId, o.model);
      });
    },
  });
  return mark({ ...result, body }, "miss");
}

function answerFromCache(cached: CachedAnswer, request: ChatCompletionRequest, ctx: RouteContext, startedAt: number): GatewayResponse {
  recordCacheLookup("hit");
  const stream = request.stream === true;
  const outcome: RouteOutcome = {
    requestId: ctx.requestId,
    requestedModel: request.model,
    providerId: cached.providerId,
    model: cached.model,
    keyId: null,
    status: "ok",
    stream,
    latencyMs: Date.now() - startedAt,
    promptTokens: 0,
    completionTokens: 0,
    usageEstimated: false,
    attempts: [],
    errorCode: null,
    cached: true,
  };
  void Promise.resolve()
    .then(() => ctx.onComplete(outcome))
    .catch(() => {});
  const headers = {
    "x-freellmapi-provider": cached.providerId,
    "x-freellmapi-model": cached.model,
    "x-freellmapi-requested-model": request.model,
    "x-freellmapi-attempts": "0",
    "x-freellmapi-cache-age": String(Math.max(0, Math.floor((Date.now() - cached.storedAt) / 1000))),
    [CACHE_HEADER]: "hit",
  };
  if (!stream) return { kind: "json", status: 200, body: cached.completion, headers: { "content-type": "application/json", ...headers } };
  const includeUsage = request.stream_options?.include_usage === true;
  return {
    kind: "stream",
    body: replayAsStream(cached.completion, includeUsage),
    headers: { "content-type": "text/event-stream; charset=utf-8", ...headers },
  };
}
