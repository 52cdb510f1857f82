// The providers freellmapi can call, in the order the dashboard lists them. Each folder holds all of
// one provider's quirks over the OpenAI-compatible base; a new provider is a new folder and a line here.
import { cerebras } from "./cerebras";
import { cloudflare } from "./cloudflare";
import { cohere } from "./cohere";
import { custom } from "./custom";
import { gemini } from "./gemini";
import { groq } from "./groq";
import { huggingface } from "./huggingface";
import { kilo } from "./kilo";
import { mistral } from "./mistral";
import { nvidia } from "./nvidia";
import { ollama } from "./ollama";
import { openrouter } from "./openrouter";
import type { ProviderAdapter } from "./types";
import { vercel } from "./vercel";
import { zai } from "./zai";

export const PROVIDERS = {
  openrouter,
  gemini,
  groq,
  cerebras,
  mistral,
  nvidia,
  cohere,
  cloudflare,
  huggingface,
  zai,
  ollama,
  vercel,
  kilo,
  custom,
} as const satisfies Record<string, ProviderAdapter>;

export type ProviderId = keyof typeof PROVIDERS;

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export { allowsNoTrainingPrompts, findEmbeddingModel, findModelSpec, getProvider, isProviderId, resolveProviderId } from "./registry";
export { assertSafeUpstreamUrl, type SafeUrlOptions } from "./assert-safe-upstream-url";
export { blockedAddressRange, isPublicAddress } from "./outbound/address-policy";
export { outboundDispatcher } from "./outbound/outbound-agent";
export { classifyUpstreamError, type ClassifiedFailure, type FailureKind } from "./classify-error";
export { ProviderConfigError, ProviderRequestError, UnsafeUpstreamError } from "./errors";
export { listModels } from "./list-models";
export { readSpentSignal } from "./rate-limit-headers";
export { resolveUpstream } from "./resolve-upstream";
export type * from "./types";
