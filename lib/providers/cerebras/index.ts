import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";

// Sources conflict (older docs said 30 RPM); this is the latest docs reading. A card may be required.
const SRC = "inference-docs.cerebras.ai/support/rate-limits (via cuihuan)";
const AS_OF = "2026-08-31";

export const cerebras: ProviderAdapter = {
  id: "cerebras",
  name: "Cerebras",
  baseUrl: "https://api.cerebras.ai/v1",
  baseUrlEnv: "CEREBRAS_BASE_URL",
  auth: "bearer",
  keyUrl: "https://cloud.cerebras.ai/platform",
  trainsOnFreeTier: "unknown",
  limits: {
    rpm: limit(5, SRC, AS_OF),
    tpm: limit(30_000, SRC, AS_OF),
    tpd: limit(1_000_000, SRC, AS_OF),
    window: "rolling",
    note: "Token bucket; max_completion_tokens is reserved against TPM up front.",
  },
  models: [
    defineModel({ id: "gpt-oss-120b", family: "gpt-oss-120b", contextWindow: 131_072, maxOutput: 32_768, rank: 82, params: 117, reasoning: true }),
    defineModel({ id: "gemma-4-31b", family: "gemma-4-31b", contextWindow: 131_072, maxOutput: 8_192, rank: 64, params: 31 }),
  ],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_completion_tokens",
  acceptsStreamOptions: false,
  keyHint: "csk-…",
  defaultMaxTokens: 4096,
};
