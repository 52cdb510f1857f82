import type { EmbeddingModelSpec, ModelSpec, ProviderDefinition, ProviderId } from "../types";
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
import { vercel } from "./vercel";
import { zai } from "./zai";

export const PROVIDERS: Readonly<Record<ProviderId, ProviderDefinition>> = {
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
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function isProviderId(value: string): value is ProviderId {
  return Object.hasOwn(PROVIDERS, value);
}

export function getProvider(id: ProviderId): ProviderDefinition {
  return PROVIDERS[id];
}

export function findModelSpec(providerId: ProviderId, modelId: string): ModelSpec | undefined {
  return PROVIDERS[providerId].models.find((m) => m.id === modelId);
}

export function findEmbeddingModel(providerId: ProviderId, modelId: string): EmbeddingModelSpec | undefined {
  return PROVIDERS[providerId].embeddingModels.find((m) => m.id === modelId);
}
