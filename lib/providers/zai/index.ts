import type { ProviderAdapter } from "../types";
import { defineModel } from "../define-model";

export const zai: ProviderAdapter = {
  id: "zai",
  name: "Z.ai (GLM)",
  baseUrl: "https://api.z.ai/api/paas/v4",
  baseUrlEnv: "ZAI_BASE_URL",
  auth: "bearer",
  keyUrl: "https://z.ai/manage-apikey/apikey-list",
  trainsOnFreeTier: "unknown",
  limits: {
    window: "rolling",
    note: "Unpublished, concurrency-limited; Flash models are free (z.ai pricing via cuihuan, 2026-08).",
  },
  models: [
    defineModel({ id: "glm-4.7-flash", family: "glm-4.7-flash", contextWindow: 200_000, maxOutput: 65_536, rank: 72, reasoning: true }),
    defineModel({ id: "glm-4.5-flash", contextWindow: 128_000, maxOutput: 16_384, rank: 64, reasoning: true }),
    defineModel({ id: "glm-4.6v-flash", contextWindow: 128_000, maxOutput: 16_384, rank: 58, vision: true, reasoning: true }),
  ],
  embeddingModels: [],
  quotaScope: "model",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: false,
  aliases: ["z.ai", "zhipu", "glm"],
};
