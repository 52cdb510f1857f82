export { PROVIDERS, PROVIDER_IDS, findEmbeddingModel, findModelSpec, getProvider, isProviderId } from "./catalog";
export { assertSafeUpstreamUrl, isPrivateAddress, type SafeUrlOptions } from "./assert-safe-upstream-url";
export { classifyUpstreamError, type ClassifiedFailure, type FailureKind } from "./classify-error";
export { ProviderConfigError, ProviderRequestError, UnsafeUpstreamError } from "./errors";
export { listModels } from "./list-models";
export { readSpentSignal } from "./rate-limit-headers";
export { resolveUpstream } from "./resolve-upstream";
export type * from "./types";
