import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";
import { isFreeModelEntry } from "../free-model-entry";

const DOCS = "openrouter.ai/docs/api/reference/limits (re-verified by cuihuan)";

export const openrouter: ProviderAdapter = {
  id: "openrouter",
  name: "OpenRouter",
  baseUrl: "https://openrouter.ai/api/v1",
  baseUrlEnv: "OPENROUTER_BASE_URL",
  auth: "bearer",
  keyUrl: "https://openrouter.ai/settings/keys",
  trainsOnFreeTier: true,
  // Account-wide across all :free models; 1000 RPD once 10 USD of credits were ever bought.
  limits: {
    rpm: limit(20, DOCS, "2026-08-31"),
    rpd: limit(50, DOCS, "2026-08-31"),
    window: "utc-day",
  },
  models: [
    defineModel({ id: "meta-llama/llama-3.3-70b-instruct:free", family: "llama-3.3-70b", contextWindow: 131_072, maxOutput: 8_192, rank: 70, params: 70 }),
    defineModel({ id: "openai/gpt-oss-20b:free", family: "gpt-oss-20b", contextWindow: 131_072, maxOutput: 32_768, rank: 62, params: 21, reasoning: true }),
    defineModel({ id: "qwen/qwen3-coder:free", family: "qwen3-coder", contextWindow: 262_144, maxOutput: 65_536, rank: 76, params: 480 }),
    defineModel({ id: "nvidia/nemotron-3-super-120b-a12b:free", contextWindow: 131_072, maxOutput: 32_768, rank: 74, params: 120, reasoning: true }),
    defineModel({ id: "google/gemma-4-31b-it:free", family: "gemma-4-31b", contextWindow: 131_072, maxOutput: 8_192, rank: 64, params: 31, vision: true }),
  ],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["open-router"],
  keyHint: "sk-or-v1-…",
  // Attribution headers OpenRouter asks apps to send.
  headers: { "x-title": "freellmapi", "http-referer": "https://github.com/freellmapi" },
  keepListedModel: isFreeModelEntry,
};
