import type { ProviderAdapter } from "../types";
import { defineModel } from "../define-model";

export const ollama: ProviderAdapter = {
  id: "ollama",
  name: "Ollama Cloud",
  baseUrl: "https://ollama.com/v1",
  baseUrlEnv: "OLLAMA_BASE_URL",
  auth: "bearer",
  keyUrl: "https://ollama.com/settings/keys",
  trainsOnFreeTier: false,
  limits: {
    window: "rolling",
    note: "GPU-time based, 1 concurrent model, 5 h session + 7 day windows (awesome-ollama-models, 2026-07-12).",
  },
  models: [
    defineModel({ id: "gpt-oss:120b", family: "gpt-oss-120b", contextWindow: 131_072, maxOutput: 32_768, rank: 80, params: 117, reasoning: true }),
    defineModel({ id: "gemma4:31b", family: "gemma-4-31b", contextWindow: 131_072, maxOutput: 8_192, rank: 64, params: 31, vision: true }),
  ],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["ollama-cloud"],
  // A 403 is a model the free plan does not include.
  classifyFailure: (status) => (status === 403 ? "not_on_free_tier" : null),
};
