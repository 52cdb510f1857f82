import { request } from "undici";
import { upstreamText } from "@/lib/redact";
import { classifyUpstreamError, type ClassifiedFailure } from "./classify-error";
import { ProviderConfigError, ProviderRequestError, UnsafeUpstreamError } from "./errors";
import { inferModelCapabilities, type ListedModel } from "./model-capabilities";
import { outboundDispatcher } from "./outbound/outbound-agent";
import { getProvider } from "./registry";
import { resolveUpstream } from "./resolve-upstream";
import type { ProviderAdapter, ProviderId } from "./types";

type Entry = Record<string, unknown>;

export interface ListModelsOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** ALLOW_PRIVATE_UPSTREAMS */
  allowPrivateUpstreams?: boolean;
}

/**
 * Models a key can use, from the provider's own listing, each with its capabilities: validates a
 * key when it is added and refreshes the roster. Free-only where the provider says which entries are free.
 * Throws ProviderRequestError with a classified failure (auth_invalid for a bad key, a redirect
 * as a provider error), ProviderConfigError for an endpoint at a non-public address.
 */
export async function listModels(providerId: ProviderId, secret: string, baseUrl?: string | null, options: ListModelsOptions = {}): Promise<ListedModel[]> {
  const provider = getProvider(providerId);
  const upstream = resolveUpstream(providerId, secret, baseUrl);
  const url = provider.modelsUrl ? provider.modelsUrl(upstream.baseUrl) : `${upstream.baseUrl}/models`;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const failed = (failure: ClassifiedFailure) => new ProviderRequestError({ ...failure, message: upstreamText(failure.message, [upstream.credential]) });
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      headers: { ...upstream.headers, accept: "application/json" },
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      dispatcher: outboundDispatcher({ allowPrivate: Boolean(options.allowPrivateUpstreams) || upstream.operatorConfigured, connectTimeoutMs: 10_000 }),
    });
    status = response.statusCode;
    text = await response.body.text();
    if (status >= 300) throw failed(classifyUpstreamError({ providerId, status, headers: response.headers, body: text }));
  } catch (error) {
    if (error instanceof ProviderRequestError) throw error;
    if (error instanceof UnsafeUpstreamError) throw new ProviderConfigError(error.message);
    throw failed({
      kind: "provider_unhealthy",
      status: 0,
      message: `Could not reach ${provider.name}: ${(error as Error).message}`,
      upstreamCode: null,
      retryAfterMs: null,
    });
  }
  let json: Entry;
  try {
    json = JSON.parse(text) as Entry;
  } catch {
    throw new ProviderRequestError({ kind: "provider_unhealthy", status, message: "The model list was not JSON.", upstreamCode: null, retryAfterMs: null });
  }
  const entries = (Array.isArray(json.data) ? json.data : Array.isArray(json.result) ? json.result : Array.isArray(json.models) ? json.models : []) as Entry[];
  const kept = provider.keepListedModel ? entries.filter(provider.keepListedModel) : entries;
  const listed = new Map<string, ListedModel>();
  for (const entry of kept) {
    const id = modelId(provider, entry);
    if (id && !listed.has(id)) listed.set(id, { id, capabilities: inferModelCapabilities(id, entry) });
  }
  return [...listed.values()];
}

function modelId(provider: ProviderAdapter, entry: Entry): string | null {
  const raw = provider.listedModelId ? provider.listedModelId(entry) : entry.id === undefined && typeof entry.name === "string" ? entry.name : entry.id;
  return typeof raw === "string" && raw !== "" ? raw : null;
}
