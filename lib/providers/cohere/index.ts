import type { ProviderAdapter } from "../types";
import { defineModel, limit } from "../define-model";
import { withCohereSchemas } from "./cohere-schemas";

const SRC = "docs.cohere.com/docs/rate-limits (verified by cuihuan)";
const AS_OF = "2026-08-31";

export const cohere: ProviderAdapter = {
  id: "cohere",
  name: "Cohere (trial key)",
  baseUrl: "https://api.cohere.ai/compatibility/v1",
  baseUrlEnv: "COHERE_BASE_URL",
  auth: "bearer",
  keyUrl: "https://dashboard.cohere.com/api-keys",
  trainsOnFreeTier: "unknown",
  limits: {
    rpm: limit(20, SRC, AS_OF),
    rpd: limit(1_000, `${SRC} (calls per month, all endpoints)`, AS_OF),
    window: "monthly",
  },
  models: [
    defineModel({ id: "command-a-reasoning-08-2025", contextWindow: 256_000, maxOutput: 32_000, rank: 78, params: 111, reasoning: true }),
    defineModel({ id: "command-a-03-2025", contextWindow: 256_000, maxOutput: 8_000, rank: 75, params: 111 }),
    defineModel({ id: "command-a-vision-07-2025", contextWindow: 128_000, maxOutput: 8_000, rank: 68, params: 112, vision: true, tools: false }),
    defineModel({ id: "command-r-08-2024", contextWindow: 128_000, maxOutput: 4_000, rank: 55 }),
    defineModel({ id: "command-r7b-12-2024", contextWindow: 128_000, maxOutput: 4_000, rank: 40, params: 7 }),
  ],
  embeddingModels: [
    { id: "embed-v4.0", dimensions: 1536 },
    { id: "embed-multilingual-v3.0", dimensions: 1024 },
    { id: "embed-english-v3.0", dimensions: 1024 },
  ],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: false,
  droppedParams: ["logit_bias", "logprobs", "top_logprobs", "reasoning_effort", "parallel_tool_calls"],
  transformRequest: withCohereSchemas,
  // Trial keys count calls per month: "trial key ... per month" is not a short window.
  isLongQuota: (text) => text.includes("trial key") && text.includes("month"),
};
