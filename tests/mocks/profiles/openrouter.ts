import type { ErrorReply, ModelSpec } from "../types";
import { alnumId, nextUtcMidnightMs } from "../wire-formats";
import { openaiToolCallId, OPENAI_STREAM } from "./openai-style";
import type { ProfileContext, ProviderProfile } from "./provider-profile";

// Account-wide free caps (docs/ROUTING.md, "Providers"): 20 RPM and 50 RPD below 10 credits bought.
const FREE_PER_DAY = 50;

/** OpenRouter's envelope: `code` is the HTTP status as a number, detail in `metadata`. */
function routerError(status: number, message: string, metadata?: Record<string, unknown>, headers?: Record<string, string>): ErrorReply {
  return { status, body: { error: { message, code: status, ...(metadata ? { metadata } : {}) } }, headers };
}

const isFree = (m: ModelSpec) => m.free ?? m.id.endsWith(":free");

function limitHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(remaining),
    "X-RateLimit-Reset": String(resetMs),
  };
}

function rateLimit(fault: Parameters<ProviderProfile["errors"]["rateLimit"]>[0], model: string, ctx: ProfileContext): ErrorReply {
  if (fault.variant === "upstream-pool") {
    return routerError(429, "Provider returned error", {
      raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
      provider_name: "Venice",
      limit_source: "upstream_provider_shared_pool",
      remedy_hint: "Retry shortly, add your own provider key, or route to another provider",
    });
  }
  const daily = fault.window === "day";
  const resetMs =
    fault.retryAfterSeconds !== undefined ? ctx.now + Math.round(fault.retryAfterSeconds * 1000) : daily ? nextUtcMidnightMs(ctx.now) : ctx.now + 60_000;
  const headers = limitHeaders(daily ? FREE_PER_DAY : 20, 0, resetMs);
  if (fault.variant === "high-balance") {
    // Observed variant with a string code and a type (2026-06).
    return {
      status: 429,
      body: {
        error: {
          message: "Rate limit exceeded: free-models-per-day-high-balance. ",
          type: "rate_limit_error",
          code: "429",
        },
      },
      headers: limitHeaders(1000, 0, nextUtcMidnightMs(ctx.now)),
    };
  }
  const message = daily
    ? "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day"
    : "Rate limit exceeded: free-models-per-min. ";
  const reply = routerError(429, message, { headers, provider_name: null, ...(daily ? { limit_source: "openrouter_free_tier_daily" } : {}) }, headers);
  (reply.body as Record<string, unknown>).user_id = "user_mock";
  return reply;
}

export const openrouterProfile: ProviderProfile = {
  name: "openrouter",
  basePath: "/api/v1",
  defaultKeys: ["sk-or-v1-test"],
  publicModelList: true,
  models: [
    { id: "meta-llama/llama-3.3-70b-instruct:free" },
    { id: "openai/gpt-oss-20b:free", reasoning: true },
    { id: "qwen/qwen3-coder:free" },
    { id: "openai/gpt-4o-mini" },
  ],
  listModels: (models) => ({
    data: models.map((m) => {
      const price = isFree(m) ? "0" : "0.00000015";
      return {
        id: m.id,
        canonical_slug: m.id.replace(/:free$/, ""),
        name: m.id,
        created: 1_733_447_754,
        description: `Mock of ${m.id}`,
        context_length: 131_072,
        architecture: {
          modality: "text->text",
          input_modalities: ["text"],
          output_modalities: ["text"],
          tokenizer: "Other",
          instruct_type: null,
        },
        pricing: {
          prompt: price,
          completion: isFree(m) ? "0" : "0.0000006",
          request: "0",
          image: "0",
          web_search: "0",
          internal_reasoning: "0",
        },
        top_provider: { context_length: 131_072, max_completion_tokens: 16_384, is_moderated: false },
        per_request_limits: null,
        supported_parameters: ["max_tokens", "temperature", "tools", "tool_choice", "response_format", "stop"],
        default_parameters: {},
      };
    }),
  }),
  successHeaders: (ctx) => ({
    "X-Generation-Id": `gen-${alnumId(`or-${ctx.served}`, 24)}`,
    ...limitHeaders(FREE_PER_DAY, Math.max(0, FREE_PER_DAY - ctx.served), nextUtcMidnightMs(ctx.now)),
  }),
  errors: {
    badKey: () => routerError(401, "No auth credentials found"),
    modelNotFound: (model) => routerError(404, `No endpoints found for ${model}.`),
    rateLimit,
    paymentRequired: () =>
      routerError(
        402,
        "This request requires more credits, or fewer max_tokens. You requested up to 64000 tokens, but can only afford 2666. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account",
      ),
    tooLarge: (_model, promptTokens) =>
      routerError(
        400,
        `This endpoint's maximum context length is 131072 tokens. However, you requested about ${Math.max(promptTokens, 131_073)} tokens. Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.`,
      ),
    serverError: (status) =>
      status === 503
        ? routerError(503, "No available model provider that meets your routing requirements.")
        : status === 502
          ? routerError(502, "Provider returned error", { raw: "upstream connect error", provider_name: "Chutes" })
          : routerError(500, "Internal Server Error"),
    degraded: (model) => routerError(502, "Provider returned error", { raw: `${model} is down`, provider_name: "Chutes" }),
    badRequest: (message) => routerError(400, message),
    // Errors after the stream started keep the chunk shape with finish_reason "error" (docs).
    streamError: (message, base) => ({
      ...base,
      error: { code: 502, message },
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
    }),
  },
  stream: { ...OPENAI_STREAM, usage: "always-trailing", keepAliveComment: ": OPENROUTER PROCESSING" },
  reasoningField: "reasoning",
  toolCallId: openaiToolCallId,
  decorate: (target) => {
    target.provider = "MockInfra";
    // OpenRouter usage carries the charged cost; free routes cost 0.
    if (target.usage && typeof target.usage === "object") (target.usage as Record<string, unknown>).cost = 0;
  },
};
