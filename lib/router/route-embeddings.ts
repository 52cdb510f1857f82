import { classifyParsedError, classifyUpstreamError } from "@/lib/providers/classify-error";
import { allowsNoTrainingPrompts, isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import { parseErrorObject } from "@/lib/providers/parse-error-body";
import { estimateTokens } from "@/lib/providers/usage";
import type { EmbeddingModelSpec, ProviderId } from "@/lib/providers/types";
import { activeKeysInChainOrder } from "./active-keys";
import { keyTargetOf, targetOf, type Candidate } from "./candidate";
import { GatewayError, NO_PROVIDER_KEYS_MESSAGE } from "./errors";
import { RoutedRequest, type RoutingInput } from "./routed-request";
import type { EmbeddingsRequest } from "./schemas";
import { capabilitiesFor } from "./serves-chat";
import { broken } from "./stream-session";
import { DEFAULT_ROUTE_OPTIONS, type GatewayResponse, type Privacy, type ProviderKey, type RouteContext } from "./types";
import { describeNetworkError, postUpstream } from "./upstream-client";
/**
 * POST /v1/embeddings with failover among the caller's keys of providers that embed for free.
 * `auto`/`free` take them in chain order; `provider/model` or a bare id pins the model (vectors
 * from different models are not comparable, so a named model is never substituted).
 */
export async function routeEmbeddings(request: EmbeddingsRequest, ctx: RouteContext): Promise<GatewayResponse> {
  // No first token to race for: an embedding call is never hedged.
  const options = { ...DEFAULT_ROUTE_OPTIONS, ...ctx.options, hedge: false };
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  const promptTokens = inputs.reduce((sum, text) => sum + estimateTokens(text.length), 0);
  const routed = new RoutedRequest(ctx, request.model, false, options, promptTokens);
  const { model: _requested, ...rest } = request;

  const result = await routed.attempt(
    (routing) => embeddingCandidates(routing.model ?? request.model, routing, ctx.privacy),
    async (c, call) => {
      const started = performance.now();
      try {
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
          return { ok: false as const, failure: classifyUpstreamError({ providerId: c.providerId, status: res.statusCode, headers: res.headers, body: text }) };
        const body = JSON.parse(text) as Record<string, unknown>;
        if (!Array.isArray(body.data)) {
          const parsed = parseErrorObject(body);
          return { ok: false as const, failure: parsed?.message ? classifyParsedError(c.providerId, 0, parsed) : broken("The response had no data.") };
        }
        return { ok: true as const, value: body };
      } catch (error) {
        return { ok: false as const, failure: broken(describeNetworkError(error)) };
      } finally {
        routed.clock.upstreamMs += performance.now() - started;
      }
    },
  );
  const body = result.value;
  const usage = body.usage as { prompt_tokens?: number } | undefined;
  const tokens = typeof usage?.prompt_tokens === "number" ? usage.prompt_tokens : promptTokens;
  body.object = "list";
  body.usage = { prompt_tokens: tokens, total_tokens: tokens };
  routed.answered(result.candidate, result.trail, { status: "ok", prompt: tokens, completion: 0, estimated: typeof usage?.prompt_tokens !== "number" });
  return { kind: "json", status: 200, body, headers: { "content-type": "application/json", ...routed.headers(result) } };
}

/** The catalog's free embedding models, or for a provider without any (custom), those its keys list as embeddings models. */
function embeddingModelsOf(providerId: ProviderId, keys: readonly ProviderKey[]): EmbeddingModelSpec[] {
  if (PROVIDERS[providerId].embeddingModels.length > 0) return PROVIDERS[providerId].embeddingModels;
  const listed = new Set(keys.flatMap((key) => (key.models ?? []).filter((model) => capabilitiesFor(key, model).includes("embeddings"))));
  // Dimensions are unknown until the first answer; nothing reads them on this path.
  return [...listed].map((id) => ({ id, dimensions: 0 }));
}

function embeddingCandidates(requested: string, routing: RoutingInput, privacy: Privacy): Candidate[] {
  const byProvider = activeKeysInChainOrder(
    routing.chain.filter((e) => e.enabled),
    routing.keys,
  );
  if (byProvider.size === 0) throw new GatewayError("no_provider_keys", NO_PROVIDER_KEYS_MESSAGE);
  const allowed = (id: ProviderId) => privacy !== "no-training" || allowsNoTrainingPrompts(id);
  const keysOf = (providerId: ProviderId) => byProvider.get(providerId) ?? [];
  const meta = requested === "auto" || requested === "free";
  const slash = requested.indexOf("/");
  const prefix = slash > 0 ? requested.slice(0, slash) : "";
  const pinnedProvider =
    !meta && isProviderId(prefix) && embeddingModelsOf(prefix, keysOf(prefix)).some((m) => m.id === requested.slice(slash + 1)) ? prefix : null;
  const out: Candidate[] = [];
  for (const providerId of byProvider.keys()) {
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
