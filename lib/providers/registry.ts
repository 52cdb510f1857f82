import { PROVIDERS, type ProviderId } from "./index";
import type { EmbeddingModelSpec, ModelSpec, ProviderAdapter } from "./types";

// Reads the list in ./index only inside functions: ./index re-exports this module.

export function isProviderId(value: string): value is ProviderId {
  return Object.hasOwn(PROVIDERS, value);
}

export function getProvider(id: ProviderId): ProviderAdapter {
  return PROVIDERS[id];
}

/** The provider a user means by `name` (`google`, `NIM`, `groq`): an id or one of its aliases, case aside. */
export function resolveProviderId(name: string): ProviderId | undefined {
  const key = name.trim().toLowerCase();
  if (isProviderId(key)) return key;
  return (Object.values(PROVIDERS) as ProviderAdapter[]).find((provider) => provider.aliases?.includes(key))?.id;
}

// The catalog does not change at run time, and routing looks up every candidate of every request.
const modelIndexes = new WeakMap<readonly ModelSpec[], Map<string, ModelSpec>>();

export function findModelSpec(providerId: ProviderId, modelId: string): ModelSpec | undefined {
  const models = getProvider(providerId).models;
  let index = modelIndexes.get(models);
  if (!index) {
    index = new Map();
    for (const model of models) if (!index.has(model.id)) index.set(model.id, model);
    modelIndexes.set(models, index);
  }
  return index.get(modelId);
}

export function findEmbeddingModel(providerId: ProviderId, modelId: string): EmbeddingModelSpec | undefined {
  return getProvider(providerId).embeddingModels.find((m) => m.id === modelId);
}

/** Whether `x-freellmapi-privacy: no-training` keeps this provider in the chain. */
export function allowsNoTrainingPrompts(id: ProviderId): boolean {
  const provider = getProvider(id);
  return provider.userEndpoint === true || provider.trainsOnFreeTier === false;
}
