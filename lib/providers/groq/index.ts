import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";

const SRC = "console.groq.com/docs/rate-limits (via cuihuan) + live headers (cheahjs)";
const AS_OF = "2026-08-31";
const caps = (rpm: number, rpd: number, tpm: number, tpd?: number) => ({
  rpm: limit(rpm, SRC, AS_OF),
  rpd: limit(rpd, SRC, AS_OF),
  tpm: limit(tpm, SRC, AS_OF),
  ...(tpd ? { tpd: limit(tpd, SRC, AS_OF) } : {}),
});

export const groq: ProviderAdapter = {
  id: "groq",
  name: "Groq",
  baseUrl: "https://api.groq.com/openai/v1",
  baseUrlEnv: "GROQ_BASE_URL",
  auth: "bearer",
  keyUrl: "https://console.groq.com/keys",
  trainsOnFreeTier: false,
  limits: { window: "rolling", note: "Per model, per organization: all keys of an org share." },
  models: [
    defineModel({
      id: "openai/gpt-oss-120b",
      family: "gpt-oss-120b",
      contextWindow: 131_072,
      maxOutput: 65_536,
      rank: 82,
      params: 117,
      reasoning: true,
      limits: caps(30, 1_000, 8_000, 200_000),
    }),
    defineModel({
      id: "qwen/qwen3.6-27b",
      contextWindow: 131_072,
      maxOutput: 32_768,
      rank: 74,
      params: 27,
      reasoning: true,
      limits: caps(30, 1_000, 8_000, 200_000),
    }),
    defineModel({
      id: "llama-3.3-70b-versatile",
      family: "llama-3.3-70b",
      contextWindow: 131_072,
      maxOutput: 32_768,
      rank: 70,
      params: 70,
      limits: caps(30, 1_000, 12_000, 100_000),
    }),
    defineModel({ id: "groq/compound", contextWindow: 131_072, maxOutput: 8_192, rank: 66, tools: false, limits: caps(30, 250, 70_000) }),
    defineModel({
      id: "openai/gpt-oss-20b",
      family: "gpt-oss-20b",
      contextWindow: 131_072,
      maxOutput: 65_536,
      rank: 62,
      params: 21,
      reasoning: true,
      limits: caps(30, 1_000, 8_000, 200_000),
    }),
    defineModel({
      id: "llama-3.1-8b-instant",
      family: "llama-3.1-8b",
      contextWindow: 131_072,
      maxOutput: 131_072,
      rank: 40,
      params: 8,
      limits: caps(30, 14_400, 6_000, 500_000),
    }),
  ],
  embeddingModels: [],
  quotaScope: "model",
  maxTokensField: "max_completion_tokens",
  acceptsStreamOptions: true,
  keyHint: "gsk_…",
  droppedParams: ["logprobs", "top_logprobs", "logit_bias"],
};
