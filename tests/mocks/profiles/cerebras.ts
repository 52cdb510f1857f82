import type { ErrorReply } from "../types";
import { alnumId, secondsToUtcMidnight } from "../wire-formats";
import { openaiErrors, openaiModelList, openaiToolCallId, OPENAI_STREAM } from "./openai-style";
import type { ProviderProfile } from "./provider-profile";

const REQUESTS_PER_DAY = 14_400;
const TOKENS_PER_MINUTE = 60_000;

/** Cerebras errors are flat: no `error` wrapper (observed 2026-08). */
function flat(status: number, message: string, type: string, code: string | null, param: string | null = null): ErrorReply {
  return { status, body: { message, type, param, code } };
}

/** Float-second resets, e.g. "33011.382867097855". */
function limitHeaders(remainingRequests: number, remainingTokens: number, now: number, tokenReset: number) {
  return {
    "x-ratelimit-limit-requests-day": String(REQUESTS_PER_DAY),
    "x-ratelimit-limit-tokens-minute": String(TOKENS_PER_MINUTE),
    "x-ratelimit-remaining-requests-day": String(remainingRequests),
    "x-ratelimit-remaining-tokens-minute": String(remainingTokens),
    "x-ratelimit-reset-requests-day": String(secondsToUtcMidnight(now) + 0.382867097855),
    "x-ratelimit-reset-tokens-minute": String(tokenReset),
  };
}

const base = openaiErrors();

export const cerebrasProfile: ProviderProfile = {
  name: "cerebras",
  basePath: "/v1",
  defaultKeys: ["csk-test"],
  models: [{ id: "gpt-oss-120b", reasoning: true }, { id: "gemma-4-31b" }],
  listModels: (models) => openaiModelList(models, "Cerebras"),
  successHeaders: (ctx) => ({
    "x-request-id": alnumId(`cerebras-${ctx.served}`, 32),
    ...limitHeaders(Math.max(0, REQUESTS_PER_DAY - ctx.served), Math.max(0, TOKENS_PER_MINUTE - ctx.served * 50), ctx.now, 11.382867097854614),
  }),
  errors: {
    ...base,
    badKey: () => flat(401, "Wrong API Key", "invalid_request_error", "wrong_api_key", "api_key"),
    modelNotFound: (model) => flat(404, `Model ${model} does not exist or you do not have access to it.`, "not_found_error", "model_not_found", "model"),
    rateLimit: (fault, _model, ctx) => {
      const daily = fault.window === "day";
      const seconds = fault.retryAfterSeconds ?? (daily ? secondsToUtcMidnight(ctx.now) : 11.382867097854614);
      const reply = daily
        ? flat(429, "Tokens per day limit exceeded - too many tokens processed.", "too_many_tokens_error", "token_quota_exceeded", "quota")
        : flat(429, "Requests per minute limit exceeded - too many requests sent.", "too_many_requests_error", "request_quota_exceeded", "quota");
      const headers = limitHeaders(daily ? 0 : 14_000, 0, ctx.now, seconds);
      if (fault.retryAfterSeconds !== undefined) headers["x-ratelimit-reset-requests-day"] = String(seconds);
      return { ...reply, headers };
    },
    paymentRequired: () => flat(402, "Payment required to access the API.", "payment_required_error", "payment_required"),
    tooLarge: (_model, promptTokens) =>
      flat(
        400,
        `Please reduce the length of the messages or completion. Current length is ${Math.max(promptTokens, 131_073)} while limit is 131072`,
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
      ),
    serverError: (status) =>
      flat(
        status,
        status === 503 ? "We're experiencing high traffic right now! Please try again soon." : "Internal server error",
        "server_error",
        "internal_error",
      ),
    badRequest: (message, param) => flat(400, message, "invalid_request_error", "wrong_api_format", param),
  },
  stream: OPENAI_STREAM,
  reasoningField: "reasoning",
  toolCallId: openaiToolCallId,
  decorate: (target, final) => {
    target.system_fingerprint = "fp_mockcerebras";
    if (final) {
      target.time_info = {
        queue_time: 0.000123,
        prompt_time: 0.002,
        completion_time: 0.01,
        total_time: 0.0125,
        created: Math.floor(Date.now() / 1000),
      };
    }
  },
};
