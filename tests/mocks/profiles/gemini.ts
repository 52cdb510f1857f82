import type { ErrorReply } from "../types";
import { alnumId } from "../wire-formats";
import type { ProfileContext, ProviderProfile } from "./provider-profile";

const RATE_LIMITS_URL = "https://ai.google.dev/gemini-api/docs/rate-limits";
const QUOTA_METRIC = "generativelanguage.googleapis.com/generate_content_free_tier_requests";

/** Google RPC error; the OpenAI-compat endpoint wraps it in an array (observed 2025-02, 2026-04). */
function googleError(status: number, rpcStatus: string, message: string, details: unknown[] | undefined, wrap: boolean): ErrorReply {
  const error = { error: { code: status, message, status: rpcStatus, ...(details ? { details } : {}) } };
  return { status, body: wrap ? [error] : error };
}

function quotaExceeded(model: string, window: "minute" | "day", limit: number, seconds: number, wrap: boolean): ErrorReply {
  const quotaId = window === "day" ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
  const message =
    "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: " +
    `${RATE_LIMITS_URL}. To monitor your current usage, head to: https://ai.dev/rate-limit. \n` +
    `* Quota exceeded for metric: ${QUOTA_METRIC}, limit: ${limit}, model: ${model}\n` +
    `Please retry in ${seconds.toFixed(9).replace(/0+$/, "").replace(/\.$/, "")}s.`;
  return googleError(
    429,
    "RESOURCE_EXHAUSTED",
    message,
    [
      {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        violations: [
          {
            quotaMetric: QUOTA_METRIC,
            quotaId,
            quotaDimensions: { location: "global", model },
            ...(limit === 0 ? {} : { quotaValue: String(limit) }),
          },
        ],
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        links: [{ description: "Learn more about Gemini API quotas", url: RATE_LIMITS_URL }],
      },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${Math.floor(seconds)}s` },
    ],
    wrap,
  );
}

const wrapOf = (ctx: ProfileContext) => ctx.geminiArrayErrors;

export const geminiProfile: ProviderProfile = {
  name: "gemini",
  basePath: "/v1beta/openai",
  defaultKeys: ["gemini-test-key"],
  models: [
    { id: "gemini-2.5-flash", thinkingBudget: 64 },
    { id: "gemini-3.1-flash-lite" },
    { id: "gemini-2.5-pro", notOnFreeTier: true },
    { id: "gemini-embedding-001", kind: "embedding", dimensions: 768 },
  ],
  normalizeModel: (model) => model.replace(/^models\//, ""),
  listModels: (models) => ({
    object: "list",
    data: models.map((m) => ({ id: `models/${m.id}`, object: "model", owned_by: "google" })),
  }),
  successHeaders: () => ({ "x-gemini-service-tier": "free" }),
  errors: {
    badKey: (_key, ctx) =>
      googleError(
        400,
        "INVALID_ARGUMENT",
        "API key not valid. Please pass a valid API key.",
        [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
            metadata: { service: "generativelanguage.googleapis.com" },
          },
          {
            "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
            locale: "en-US",
            message: "API key not valid. Please pass a valid API key.",
          },
        ],
        wrapOf(ctx),
      ),
    modelNotFound: (model, ctx) =>
      googleError(
        404,
        "NOT_FOUND",
        `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
        undefined,
        wrapOf(ctx),
      ),
    rateLimit: (fault, model, ctx) => {
      const wrap = fault.arrayWrapped ?? wrapOf(ctx);
      if (fault.variant === "bare") {
        return googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", undefined, wrap);
      }
      const seconds = fault.retryAfterSeconds ?? 45.578569677;
      if (fault.variant === "not-free-tier") return quotaExceeded(model, "minute", 0, seconds, wrap);
      const window = fault.window ?? "minute";
      return quotaExceeded(model, window, window === "day" ? 20 : 5, seconds, wrap);
    },
    paymentRequired: (_model, ctx) =>
      googleError(403, "PERMISSION_DENIED", "Your project has been denied access. Please contact support.", undefined, wrapOf(ctx)),
    tooLarge: (_model, promptTokens, ctx) =>
      googleError(
        400,
        "INVALID_ARGUMENT",
        `The input token count (${Math.max(promptTokens, 1_048_577)}) exceeds the maximum number of tokens allowed (1048576).`,
        undefined,
        wrapOf(ctx),
      ),
    serverError: (status, ctx) =>
      status === 503
        ? googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", undefined, wrapOf(ctx))
        : status === 502
          ? googleError(502, "UNAVAILABLE", "Bad Gateway", undefined, wrapOf(ctx))
          : googleError(
              500,
              "INTERNAL",
              "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
              undefined,
              wrapOf(ctx),
            ),
    degraded: (_model, ctx) => googleError(503, "UNAVAILABLE", "The service is currently unavailable.", undefined, wrapOf(ctx)),
    badRequest: (message, _param, ctx) => googleError(400, "INVALID_ARGUMENT", message, undefined, wrapOf(ctx)),
    streamError: (message) => ({ error: { code: 500, message, status: "INTERNAL" } }),
  },
  stream: {
    toolCallIndex: false,
    toolCallsWhole: true,
    finishReasonAfterTools: "stop",
    usage: "final-chunk",
  },
  toolCallId: (n) => `function-call-${alnumId(`gemini-${n}`, 20)}`,
  toolCallExtra: (n) => ({ extra_content: { google: { thought_signature: `sig${alnumId(`sig-${n}`, 32)}` } } }),
};
