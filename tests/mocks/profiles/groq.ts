import { alnumId, goDuration } from "../wire-formats";
import { openaiError, openaiErrors, openaiToolCallId, OPENAI_STREAM } from "./openai-style";
import type { ProviderProfile } from "./provider-profile";

// llama-3.3-70b-versatile free caps (docs/ROUTING.md, "Providers"): limit-requests is RPD, limit-tokens is TPM.
const REQUESTS_PER_DAY = 1000;
const TOKENS_PER_MINUTE = 12_000;
const UNSUPPORTED_PARAMS = ["logprobs", "top_logprobs", "logit_bias"] as const;
const BILLING = "Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing";

const errors = openaiErrors();

export const groqProfile: ProviderProfile = {
  name: "groq",
  basePath: "/openai/v1",
  defaultKeys: ["gsk_test"],
  models: [{ id: "llama-3.3-70b-versatile" }, { id: "llama-3.1-8b-instant" }, { id: "openai/gpt-oss-120b", reasoning: true }],
  listModels: (models) => ({
    object: "list",
    data: models.map((m) => ({
      id: m.id,
      object: "model",
      created: 1_733_447_754,
      owned_by: m.id.startsWith("openai/") ? "OpenAI" : "Meta",
      active: true,
      context_window: 131_072,
      public_apps: null,
      max_completion_tokens: 32_768,
    })),
  }),
  successHeaders: (ctx) => ({
    "x-request-id": `req_${alnumId(`groq-${ctx.served}`, 26)}`,
    "x-groq-region": "mock-1",
    "x-ratelimit-limit-requests": String(REQUESTS_PER_DAY),
    "x-ratelimit-limit-tokens": String(TOKENS_PER_MINUTE),
    "x-ratelimit-remaining-requests": String(Math.max(0, REQUESTS_PER_DAY - ctx.served)),
    "x-ratelimit-remaining-tokens": String(Math.max(0, TOKENS_PER_MINUTE - ctx.served * 50)),
    "x-ratelimit-reset-requests": goDuration(86.4 * Math.min(ctx.served, 1000)),
    "x-ratelimit-reset-tokens": "7.66s",
  }),
  validate: (body, _model, ctx) => {
    const bad = UNSUPPORTED_PARAMS.find((p) => body[p] !== undefined && body[p] !== false);
    if (bad) return errors.badRequest(`'${bad}' is not supported with this model`, bad, ctx);
    if (body.n !== undefined && body.n !== 1) {
      return errors.badRequest("'n' : number must be at most 1", "n", ctx);
    }
    return undefined;
  },
  errors: {
    ...errors,
    badKey: () => openaiError(401, "Invalid API Key", "invalid_request_error", "invalid_api_key"),
    rateLimit: (fault, model) => {
      const daily = fault.window === "day";
      const seconds = fault.retryAfterSeconds ?? (daily ? 578.016 : 11.455);
      const what = daily ? "tokens per day (TPD): Limit 100000, Used 97050, Requested 3619" : "tokens per minute (TPM): Limit 12000, Used 4437, Requested 9854";
      return openaiError(
        429,
        `Rate limit reached for model \`${model}\` in organization \`org_01mock\` service tier \`on_demand\` on ${what}. Please try again in ${goDuration(seconds)}. ${BILLING}`,
        "tokens",
        "rate_limit_exceeded",
        null,
        {
          "retry-after": String(Math.ceil(seconds)),
          "x-ratelimit-limit-requests": String(REQUESTS_PER_DAY),
          "x-ratelimit-limit-tokens": String(TOKENS_PER_MINUTE),
          "x-ratelimit-remaining-requests": daily ? "0" : "999",
          "x-ratelimit-remaining-tokens": "0",
          "x-ratelimit-reset-requests": goDuration(daily ? seconds : 86.4),
          "x-ratelimit-reset-tokens": goDuration(seconds),
        },
      );
    },
    tooLarge: (model, promptTokens) =>
      openaiError(
        413,
        `Request too large for model \`${model}\` in organization \`org_01mock\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Requested ${Math.max(promptTokens, 6001)}, please reduce your message size and try again. ${BILLING}`,
        "tokens",
        "rate_limit_exceeded",
      ),
  },
  stream: { ...OPENAI_STREAM, xGroq: true },
  reasoningField: "reasoning",
  toolCallId: openaiToolCallId,
  decorate: (target) => {
    target.system_fingerprint = "fp_mockgroq1";
  },
};
