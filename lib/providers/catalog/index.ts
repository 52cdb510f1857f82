// The catalog's old path: the providers are listed in lib/providers/index.ts, one folder each.
export { PROVIDERS, PROVIDER_IDS } from "../index";
export { allowsNoTrainingPrompts, findEmbeddingModel, findModelSpec, getProvider, isProviderId, resolveProviderId } from "../registry";
