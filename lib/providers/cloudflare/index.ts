import type { ProviderAdapter } from "../types";
import { defineModel } from "../define-model";
import { cloudflareCredentials, withCloudflareContent } from "./cloudflare-quirks";

export const cloudflare: ProviderAdapter = {
  id: "cloudflare",
  name: "Cloudflare Workers AI",
  baseUrl: "https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1",
  baseUrlEnv: "CLOUDFLARE_BASE_URL",
  auth: "bearer",
  keyUrl: "https://dash.cloudflare.com/profile/api-tokens",
  trainsOnFreeTier: "unknown",
  limits: {
    window: "utc-day",
    note: "10,000 Neurons/day, reset 00:00 UTC (developers.cloudflare.com/workers-ai/platform/pricing, 2026-08). The key is `accountId:token`.",
  },
  models: [
    defineModel({ id: "@cf/openai/gpt-oss-120b", family: "gpt-oss-120b", contextWindow: 128_000, maxOutput: 16_384, rank: 80, params: 117, reasoning: true }),
    defineModel({ id: "@cf/zai-org/glm-4.7-flash", family: "glm-4.7-flash", contextWindow: 128_000, maxOutput: 16_384, rank: 70, reasoning: true }),
    // fp8-fast is capped at 24K context.
    defineModel({ id: "@cf/meta/llama-3.3-70b-instruct-fp8-fast", family: "llama-3.3-70b", contextWindow: 24_000, maxOutput: 8_192, rank: 68, params: 70 }),
  ],
  embeddingModels: [
    { id: "@cf/baai/bge-m3", dimensions: 1024 },
    { id: "@cf/baai/bge-base-en-v1.5", dimensions: 768 },
  ],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: false,
  aliases: ["workers-ai", "cloudflare-workers-ai"],
  keyHint: "accountId:token",
  credentials: cloudflareCredentials,
  droppedParams: ["logit_bias", "logprobs", "top_logprobs"],
  // Without max_tokens Workers AI stops answers early.
  defaultMaxTokens: 8192,
  transformRequest: withCloudflareContent,
  modelsUrl: (base) => `${base.replace(/\/ai\/v1$/, "/ai")}/models/search?search=Text+Generation`,
  listedModelId: (entry) => entry.name,
};
