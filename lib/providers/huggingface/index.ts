import type { ProviderAdapter } from "../types";
import { defineModel } from "../define-model";

export const huggingface: ProviderAdapter = {
  id: "huggingface",
  name: "Hugging Face Inference Providers",
  baseUrl: "https://router.huggingface.co/v1",
  baseUrlEnv: "HUGGINGFACE_BASE_URL",
  auth: "bearer",
  keyUrl: "https://huggingface.co/settings/tokens",
  trainsOnFreeTier: "unknown",
  limits: {
    window: "monthly",
    note: "$0.10/month credits for free users, then 402 (huggingface.co/docs/inference-providers/en/pricing, 2026-08).",
  },
  models: [
    defineModel({ id: "openai/gpt-oss-120b", family: "gpt-oss-120b", contextWindow: 131_072, maxOutput: 32_768, rank: 80, params: 117, reasoning: true }),
    defineModel({ id: "meta-llama/Llama-3.3-70B-Instruct", family: "llama-3.3-70b", contextWindow: 131_072, maxOutput: 8_192, rank: 70, params: 70 }),
    defineModel({ id: "Qwen/Qwen3-8B", contextWindow: 32_768, maxOutput: 8_192, rank: 42, params: 8, reasoning: true }),
  ],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["hf", "hugging-face"],
  keyHint: "hf_…",
};
