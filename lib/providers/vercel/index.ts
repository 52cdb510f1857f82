import type { ProviderAdapter } from "../types";
import { defineModel } from "../define-model";

export const vercel: ProviderAdapter = {
  id: "vercel",
  name: "Vercel AI Gateway",
  baseUrl: "https://ai-gateway.vercel.sh/v1",
  baseUrlEnv: "VERCEL_BASE_URL",
  auth: "bearer",
  keyUrl: "https://vercel.com/dashboard/ai-gateway/api-keys",
  trainsOnFreeTier: "unknown",
  limits: {
    window: "rolling",
    note: "$5 credits every 30 days, undisclosed per-model limits (vercel.com/docs/ai-gateway/rate-limits, 2026-09).",
  },
  models: [
    defineModel({ id: "openai/gpt-oss-120b", family: "gpt-oss-120b", contextWindow: 131_072, maxOutput: 32_768, rank: 80, params: 117, reasoning: true }),
    defineModel({ id: "google/gemini-2.5-flash-lite", contextWindow: 1_048_576, maxOutput: 65_536, rank: 68, vision: true }),
  ],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["vercel-ai-gateway"],
};
