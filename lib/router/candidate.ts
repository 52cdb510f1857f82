import type { EmbeddingModelSpec, ModelSpec, ProviderDefinition, ProviderId } from "@/lib/providers/types";
import type { Target } from "@/lib/routing-state/state";
import type { ProviderKey } from "./types";

/** One way to answer: a provider key and a model on it. */
export interface Candidate {
  providerId: ProviderId;
  provider: ProviderDefinition;
  model: string;
  /** Catalog entry, when the model is known; unknown models are not filtered on capabilities. */
  spec: ModelSpec | undefined;
  embedding?: EmbeddingModelSpec;
  key: ProviderKey;
  /** `${keyId}:${model}` */
  target: Target;
  /** `${keyId}:*`, where key-wide blocks and account-wide usage are kept. */
  keyTarget: Target;
}

export const targetOf = (keyId: string, model: string): Target => `${keyId}:${model}`;
export const keyTargetOf = (keyId: string): Target => `${keyId}:*`;
/** The provider as a whole, for outages: one target per catalog provider, per key for custom base URLs. */
export const providerTargetOf = (c: Candidate): Target => (c.key.baseUrl ? `provider:${c.providerId}@${c.key.id}` : `provider:${c.providerId}`);
