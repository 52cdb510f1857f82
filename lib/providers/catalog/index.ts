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

/** Names guides and other tools use for our providers; ids themselves are matched too, case aside. */
export const PROVIDER_NAME_ALIASES: Readonly<Record<string, ProviderId>> = {
  google: "gemini",
  "google-ai-studio": "gemini",
  "ai-studio": "gemini",
  nim: "nvidia",
  "nvidia-nim": "nvidia",
  "mistral-ai": "mistral",
  mistralai: "mistral",
  "open-router": "openrouter",
  "workers-ai": "cloudflare",
  "cloudflare-workers-ai": "cloudflare",
  hf: "huggingface",
  "hugging-face": "huggingface",
  "z.ai": "zai",
  zhipu: "zai",
  glm: "zai",
  "ollama-cloud": "ollama",
  "vercel-ai-gateway": "vercel",
  "kilo-gateway": "kilo",
};

/** The provider a user means by `name` (`google`, `NIM`, `groq`), or undefined. */
export function resolveProviderId(name: string): ProviderId | undefined {
  const key = name.trim().toLowerCase();
  if (isProviderId(key)) return key;
  return Object.hasOwn(PROVIDER_NAME_ALIASES, key) ? PROVIDER_NAME_ALIASES[key] : undefined;
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
