import { classifyParsedError, classifyUpstreamError } from "@/lib/providers/classify-error";
import { allowsNoTrainingPrompts, isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import { parseErrorObject } from "@/lib/providers/parse-error-body";
import { estimateTokens } from "@/lib/providers/usage";
import type { EmbeddingModelSpec, ProviderId } from "@/lib/providers/types";
import { keyTargetOf, targetOf, type Candidate } from "./candidate";
import { GatewayError, NO_PROVIDER_KEYS_MESSAGE } from "./errors";
import { gatewayHeaders } from "./response-headers";
import { redactingFailures } from "./redact-failures";
import { runAttempts } from "./run-attempts";
import type { EmbeddingsRequest } from "./schemas";
import { broken } from "./stream-session";
import { DEFAULT_ROUTE_OPTIONS, type GatewayResponse, type ProviderKey, type RouteContext } from "./types";
import { describeNetworkError, postUpstream } from "./upstream-client";
import { countCandidateUsage } from "./count-candidate-usage";
import { capabilitiesFor } from "./serves-chat";

/**
 * POST /v1/embeddings with failover among the caller's keys of providers that embed for free.
 * `auto`/`free` take them in chain order; `provider/model` or a bare id pins the model (vectors
 * from different models are not comparable, so a named model is never substituted).
 */
export async function routeEmbeddings(request: EmbeddingsRequest, ctx: RouteContext): Promise<GatewayResponse> {
  const startedAt = Date.now();
  const t0 = performance.now();
  // No first token to race for: an embedding call is never hedged.
  const options = { ...DEFAULT_ROUTE_OPTIONS, ...ctx.options, hedge: false };
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  const promptTokens = inputs.reduce((sum, text) => sum + estimateTokens(text.length), 0);
  const clock = { upstreamMs: 0 };
  // A request its caller's limits refused is recorded by the caller, not here.
  const report = (outcome: Parameters<RouteContext["onComplete"]>[0]) =>
    void Promise.resolve(ctx.admitted)
      .then(() => ctx.onComplete(outcome))
      .catch(() => {});
  const base = { requestId: ctx.requestId, requestedModel: request.model, stream: false };

  try {
    const candidates = embeddingCandidates(request.model, ctx);
    const result = await runAttempts(
      { ctx, options, candidates, promptTokens, startedAt },
      redactingFailures(async (c, call) => {
        const started = performance.now();
        try {
          const { model: _requested, ...rest } = request;
          const res = await postUpstream({
            url: `${call.upstream.baseUrl}/embeddings`,
            headers: call.upstream.headers,
            body: JSON.stringify({ ...rest, ...c.embedding?.extraBody, model: c.model, encoding_format: request.encoding_format ?? "float" }),
            signal: call.signal,
            connectTimeoutMs: options.connectTimeoutMs,
            allowPrivate: options.allowPrivateUpstreams || call.upstream.operatorConfigured,
            firstByteTimeoutMs: options.firstByteTimeoutMs,
          });
          const text = await res.body.text();
          if (res.statusCode >= 300)
            return {
              ok: false as const,
              failure: classifyUpstreamError({ providerId: c.providerId, status: res.statusCode, headers: res.headers, body: text }),
            };
          const body = JSON.parse(text) as Record<string, unknown>;
          if (!Array.isArray(body.data)) {
            const parsed = parseErrorObject(body);
            return { ok: false as const, failure: parsed?.message ? classifyParsedError(c.providerId, 0, parsed) : broken("The response had no data.") };
          }
          return { ok: true as const, value: body };
        } catch (error) {
          return { ok: false as const, failure: broken(describeNetworkError(error)) };
        } finally {
          clock.upstreamMs += performance.now() - started;
        }
      }),
    );
    const body = result.value;
    const usage = body.usage as { prompt_tokens?: number } | undefined;
    const tokens = typeof usage?.prompt_tokens === "number" ? usage.prompt_tokens : promptTokens;
    body.object = "list";
    body.usage = { prompt_tokens: tokens, total_tokens: tokens };
    const c = result.candidate;
    countCandidateUsage(ctx.state, c, tokens);
    report({
      ...base,
      providerId: c.providerId,
      model: c.model,
      keyId: c.key.id,
      status: "ok",
      latencyMs: Date.now() - startedAt,
      promptTokens: tokens,
      completionTokens: 0,
      usageEstimated: typeof usage?.prompt_tokens !== "number",
      attempts: result.trail,
      errorCode: null,
    });
    const headers = gatewayHeaders({
      providerId: c.providerId,
      model: c.model,
      requestedModel: request.model,
      trail: result.trail,
      overheadMs: Math.max(0, performance.now() - t0 - clock.upstreamMs),
    });
    return { kind: "json", status: 200, body, headers: { "content-type": "application/json", ...headers } };
  } catch (error) {
    const code = error instanceof GatewayError ? error.code : "internal_error";
    report({
      ...base,
      providerId: null,
      model: null,
      keyId: null,
      status: "error",
      latencyMs: Date.now() - startedAt,
      promptTokens: 0,
      completionTokens: 0,
      usageEstimated: true,
      attempts: error instanceof GatewayError ? error.attempts : [],
      errorCode: code,
    });
    throw error;
  }
}

/** The catalog's free embedding models, or for a provider without any (custom), those its keys list as embeddings models. */
function embeddingModelsOf(providerId: ProviderId, keys: readonly ProviderKey[]): EmbeddingModelSpec[] {
  if (PROVIDERS[providerId].embeddingModels.length > 0) return PROVIDERS[providerId].embeddingModels;
  const listed = new Set(keys.flatMap((key) => (key.models ?? []).filter((model) => capabilitiesFor(key, model).includes("embeddings"))));
  // Dimensions are unknown until the first answer; nothing reads them on this path.
  return [...listed].map((id) => ({ id, dimensions: 0 }));
}

function embeddingCandidates(requested: string, ctx: RouteContext): Candidate[] {
  const active = ctx.keys.filter((k) => k.status === "active" && isProviderId(k.providerId));
  if (active.length === 0) throw new GatewayError("no_provider_keys", NO_PROVIDER_KEYS_MESSAGE);
  const order = [...new Set([...ctx.chain.filter((e) => e.enabled).map((e) => e.providerId), ...active.map((k) => k.providerId)])].filter(isProviderId);
  const allowed = (id: ProviderId) => ctx.privacy !== "no-training" || allowsNoTrainingPrompts(id);
  const keysOf = (providerId: ProviderId) => active.filter((k): k is ProviderKey => k.providerId === providerId);
  const meta = requested === "auto" || requested === "free";
  const slash = requested.indexOf("/");
  const prefix = slash > 0 ? requested.slice(0, slash) : "";
  const pinnedProvider =
    !meta && isProviderId(prefix) && embeddingModelsOf(prefix, keysOf(prefix)).some((m) => m.id === requested.slice(slash + 1)) ? prefix : null;
  const out: Candidate[] = [];
  for (const providerId of order) {
    if (!allowed(providerId) || (pinnedProvider && providerId !== pinnedProvider)) continue;
    const keys = keysOf(providerId);
    const models = embeddingModelsOf(providerId, keys).filter((m) => meta || m.id === (pinnedProvider ? requested.slice(slash + 1) : requested));
    for (const embedding of meta ? models.slice(0, 1) : models) {
      for (const key of keys) {
        // A model learned from listings is only asked of the keys that list it.
        if (PROVIDERS[providerId].embeddingModels.length === 0 && !key.models?.includes(embedding.id)) continue;
        out.push({
          providerId,
          provider: PROVIDERS[providerId],
          model: embedding.id,
          spec: undefined,
          embedding,
          key,
          target: targetOf(key.id, embedding.id),
          keyTarget: keyTargetOf(key.id),
        });
      }
    }
  }
  if (out.length === 0) {
    throw meta
      ? new GatewayError(
          "no_provider_keys",
          "None of your provider keys offers free embeddings. Add a Gemini, Mistral, Cohere, NVIDIA or Cloudflare key in the dashboard or with `npm run admin -- provider-key:add`.",
        )
      : new GatewayError("model_not_found", `No embedding model \`${requested}\` is reachable with your keys.`, { param: "model" });
  }
  return out;
}
