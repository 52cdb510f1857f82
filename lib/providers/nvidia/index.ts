import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";
import { toNimBody } from "./nim-body";

export const nvidia: ProviderAdapter = {
  id: "nvidia",
  name: "NVIDIA NIM",
  baseUrl: "https://integrate.api.nvidia.com/v1",
  baseUrlEnv: "NVIDIA_BASE_URL",
  auth: "bearer",
  keyUrl: "https://build.nvidia.com/settings/api-keys",
  trainsOnFreeTier: "unknown",
  limits: {
    rpm: limit(40, "build.nvidia.com console (via cheahjs)", "2026-07-18"),
    window: "rolling",
    note: "No published daily cap; trial terms are evaluation only.",
  },
  models: [
    defineModel({ id: "deepseek-ai/deepseek-v4-flash", contextWindow: 131_072, maxOutput: 16_384, rank: 84, reasoning: true }),
    defineModel({ id: "qwen/qwen3-coder-480b-a35b-instruct", family: "qwen3-coder", contextWindow: 262_144, maxOutput: 65_536, rank: 80, params: 480 }),
    defineModel({ id: "openai/gpt-oss-120b", family: "gpt-oss-120b", contextWindow: 131_072, maxOutput: 32_768, rank: 81, params: 117, reasoning: true }),
    defineModel({ id: "meta/llama-3.3-70b-instruct", family: "llama-3.3-70b", contextWindow: 131_072, maxOutput: 8_192, rank: 70, params: 70 }),
  ],
  embeddingModels: [
    { id: "nvidia/nv-embedqa-e5-v5", dimensions: 1024, extraBody: { input_type: "query" } },
    { id: "baai/bge-m3", dimensions: 1024 },
  ],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["nim", "nvidia-nim"],
  keyHint: "nvapi-…",
  transformRequest: toNimBody,
};
