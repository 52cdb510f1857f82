import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";
import { toMistralBody } from "./mistral-body";

// Per model; real values are shown per account in the console only.
const SRC = "cheahjs/free-llm-api-resources";
const AS_OF = "2026-07-18";

export const mistral: ProviderAdapter = {
  id: "mistral",
  name: "Mistral (La Plateforme)",
  baseUrl: "https://api.mistral.ai/v1",
  baseUrlEnv: "MISTRAL_BASE_URL",
  auth: "bearer",
  keyUrl: "https://console.mistral.ai/api-keys",
  trainsOnFreeTier: true,
  limits: {
    rpm: limit(60, `${SRC} (1 request/second)`, AS_OF),
    tpm: limit(500_000, SRC, AS_OF),
    tpd: limit(1_000_000_000, `${SRC} (per month)`, AS_OF),
    window: "monthly",
  },
  models: [
    defineModel({ id: "mistral-large-latest", contextWindow: 131_072, maxOutput: 32_768, rank: 80, vision: true }),
    defineModel({ id: "magistral-medium-latest", contextWindow: 40_960, maxOutput: 32_768, rank: 78, reasoning: true }),
    defineModel({ id: "mistral-medium-latest", contextWindow: 131_072, maxOutput: 32_768, rank: 75, vision: true }),
    defineModel({ id: "mistral-small-latest", contextWindow: 131_072, maxOutput: 32_768, rank: 60, params: 24, vision: true }),
  ],
  embeddingModels: [{ id: "mistral-embed", dimensions: 1024 }],
  quotaScope: "model",
  maxTokensField: "max_tokens",
  // 422 on stream_options; usage comes on the final chunk by default.
  acceptsStreamOptions: false,
  aliases: ["mistral-ai", "mistralai"],
  transformRequest: toMistralBody,
};
