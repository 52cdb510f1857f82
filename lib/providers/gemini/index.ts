import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";
import { tameThinking, withThoughtSignatures } from "./gemini-quirks";

// Per Google Cloud project per model, machine-read from the Cloud Quotas API.
const SRC = "cheahjs/free-llm-api-resources (Cloud Quotas API)";
const AS_OF = "2026-07-18";
const flashLimits = { rpm: limit(5, SRC, AS_OF), rpd: limit(20, SRC, AS_OF), tpm: limit(250_000, SRC, AS_OF) };

export const gemini: ProviderAdapter = {
  id: "gemini",
  name: "Google AI Studio (Gemini)",
  baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
  baseUrlEnv: "GEMINI_BASE_URL",
  auth: "bearer",
  keyUrl: "https://aistudio.google.com/apikey",
  trainsOnFreeTier: true,
  limits: { window: "pacific-day", note: "Quota is per Google Cloud project: keys of one project share it." },
  models: [
    defineModel({
      id: "gemini-3-flash-preview",
      contextWindow: 1_048_576,
      maxOutput: 65_536,
      rank: 90,
      vision: true,
      reasoning: true,
      lowThinkingEffort: "low",
      limits: flashLimits,
    }),
    defineModel({
      id: "gemini-2.5-flash",
      contextWindow: 1_048_576,
      maxOutput: 65_536,
      rank: 85,
      vision: true,
      reasoning: true,
      lowThinkingEffort: "none",
      limits: flashLimits,
    }),
    defineModel({
      id: "gemini-3.1-flash-lite-preview",
      contextWindow: 1_048_576,
      maxOutput: 65_536,
      rank: 72,
      vision: true,
      reasoning: true,
      lowThinkingEffort: "low",
      limits: { rpm: limit(15, SRC, AS_OF), rpd: limit(500, SRC, AS_OF), tpm: limit(250_000, SRC, AS_OF) },
    }),
    defineModel({
      id: "gemini-2.5-flash-lite",
      contextWindow: 1_048_576,
      maxOutput: 65_536,
      rank: 68,
      vision: true,
      reasoning: true,
      lowThinkingEffort: "none",
      limits: { rpm: limit(10, SRC, AS_OF), rpd: limit(20, SRC, AS_OF), tpm: limit(250_000, SRC, AS_OF) },
    }),
    defineModel({
      id: "gemma-3-27b-it",
      family: "gemma-3-27b",
      contextWindow: 131_072,
      maxOutput: 8_192,
      rank: 50,
      params: 27,
      tools: false,
      vision: true,
      noSystemRole: true,
      limits: { rpm: limit(30, SRC, AS_OF), rpd: limit(14_400, SRC, AS_OF), tpm: limit(15_000, SRC, AS_OF) },
    }),
  ],
  embeddingModels: [
    { id: "gemini-embedding-001", dimensions: 3072 },
    { id: "text-embedding-004", dimensions: 768 },
  ],
  quotaScope: "model",
  maxTokensField: "max_tokens",
  // Usage arrives on the final chunk anyway; include_usage support is not verified.
  acceptsStreamOptions: false,
  aliases: ["google", "google-ai-studio", "ai-studio"],
  keyHint: "AIza…",
  adjustMaxTokens: tameThinking,
  transformRequest: withThoughtSignatures,
  // Listed as `models/<id>`; requests take the bare id.
  listedModelId: (entry) => {
    const raw = entry.id === undefined && typeof entry.name === "string" ? entry.name : entry.id;
    return typeof raw === "string" ? raw.replace(/^models\//, "") : raw;
  },
};
