import type { ErrorReply, ModelSpec, StreamDialect } from "../types";
import { alnumId, goDuration } from "../wire-formats";
import type { ProfileErrors, RateLimitFault } from "./provider-profile";

/** OpenAI's envelope `{"error":{message,type,param,code}}`, shared by Groq and vLLM-style hosts. */
export function openaiError(
  status: number,
  message: string,
  type: string | null,
  code: string | null,
  param: string | null = null,
  headers?: Record<string, string>,
): ErrorReply {
  return { status, body: { error: { message, type, param, code } }, headers };
}

export function openaiModelList(models: ModelSpec[], ownedBy = "system"): unknown {
  return {
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: 1_715_367_049, owned_by: ownedBy })),
  };
}

export function openaiRateLimit(fault: RateLimitFault, model: string): ErrorReply {
  const seconds = fault.retryAfterSeconds ?? (fault.window === "day" ? 3600 : 1);
  const headers = { "retry-after": String(Math.ceil(seconds)) };
  if (fault.window === "day") {
    return openaiError(
      429,
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
      "insufficient_quota",
      "insufficient_quota",
      null,
      headers,
    );
  }
  return openaiError(
    429,
    `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 30, Used 30, Requested 1. Please try again in ${goDuration(seconds)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    "requests",
    "rate_limit_exceeded",
    null,
    headers,
  );
}

/** Errors as OpenAI itself answers them; other profiles spread this and override what differs. */
export function openaiErrors(): ProfileErrors {
  return {
    badKey: (key) =>
      key === undefined
        ? openaiError(
            401,
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            "invalid_request_error",
            null,
          )
        : openaiError(
            401,
            `Incorrect API key provided: ${key.slice(0, 3)}...${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            "invalid_request_error",
            "invalid_api_key",
          ),
    modelNotFound: (model) =>
      openaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, "invalid_request_error", "model_not_found"),
    rateLimit: (fault, model) => openaiRateLimit(fault, model),
    paymentRequired: () =>
      openaiError(402, "You have exceeded your monthly included credits. Purchase pre-paid credits to continue.", "payment_required", "insufficient_credits"),
    tooLarge: (_model, promptTokens) =>
      openaiError(
        400,
        `This model's maximum context length is 8192 tokens. However, your messages resulted in ${Math.max(promptTokens, 8193)} tokens. Please reduce the length of the messages.`,
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
      ),
    serverError: (status) =>
      status === 503
        ? openaiError(503, "The engine is currently overloaded, please try again later.", "server_error", null)
        : openaiError(
            status,
            status === 502 ? "Bad gateway." : "The server had an error while processing your request. Sorry about that!",
            "server_error",
            null,
          ),
    degraded: (model) => openaiError(503, `The model \`${model}\` is temporarily unavailable.`, "server_error", null),
    badRequest: (message, param) => openaiError(400, message, "invalid_request_error", null, param),
    streamError: (message) => ({ error: { message, type: "server_error", param: null, code: null } }),
  };
}

export const openaiToolCallId = (n: number): string => `call_${alnumId(`call-${n}`, 24)}`;

/** How OpenAI-compatible hosts stream: indexed tool-call fragments, usage only on request. */
export const OPENAI_STREAM: StreamDialect = {
  toolCallIndex: true,
  toolCallsWhole: false,
  finishReasonAfterTools: "tool_calls",
  usage: "include_usage",
};
