import type { ChatRequestBody, ErrorReply } from "../types";
import { alnumId } from "../wire-formats";
import type { ProviderProfile } from "./provider-profile";

// Mistral validates bodies with Pydantic "extra forbidden": anything else is a 422 (docs/ROUTING.md, "Adapters").
const ALLOWED_FIELDS = new Set([
  "model",
  "messages",
  "temperature",
  "top_p",
  "max_tokens",
  "stream",
  "stop",
  "random_seed",
  "response_format",
  "tools",
  "tool_choice",
  "presence_penalty",
  "frequency_penalty",
  "n",
  "safe_prompt",
  "prediction",
  "parallel_tool_calls",
  "prompt_mode",
]);
const ALLOWED_MESSAGE_FIELDS = new Set(["role", "content", "tool_calls", "tool_call_id", "name", "prefix"]);
const TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/;

function mistralError(status: number, message: unknown, type: string, code: string | null, raw = false): ErrorReply {
  const body: Record<string, unknown> = { object: "error", message, type, param: null, code };
  if (raw) body.raw_status_code = status;
  return { status, body };
}

function extraForbidden(body: ChatRequestBody): Array<{ loc: unknown[]; input: unknown }> {
  const found: Array<{ loc: unknown[]; input: unknown }> = [];
  for (const [key, value] of Object.entries(body)) {
    if (ALLOWED_FIELDS.has(key)) continue;
    // Observed 2025: the loc points inside stream_options at each of its keys.
    if (key === "stream_options" && value && typeof value === "object") {
      for (const [inner, input] of Object.entries(value)) found.push({ loc: ["body", key, inner], input });
      if (Object.keys(value).length === 0) found.push({ loc: ["body", key], input: value });
    } else {
      found.push({ loc: ["body", key], input: value });
    }
  }
  (body.messages ?? []).forEach((message, i) => {
    for (const [key, input] of Object.entries(message)) {
      if (!ALLOWED_MESSAGE_FIELDS.has(key)) found.push({ loc: ["body", "messages", i, message.role, key], input });
    }
  });
  return found;
}

function badToolCallId(body: ChatRequestBody): string | undefined {
  for (const message of body.messages ?? []) {
    for (const call of message.tool_calls ?? []) if (!TOOL_CALL_ID.test(call.id ?? "")) return call.id ?? "";
    if (message.role === "tool" && !TOOL_CALL_ID.test(message.tool_call_id ?? "")) return message.tool_call_id ?? "";
  }
  return undefined;
}

export const mistralProfile: ProviderProfile = {
  name: "mistral",
  basePath: "/v1",
  defaultKeys: ["mistral-test"],
  models: [{ id: "mistral-small-latest" }, { id: "mistral-large-latest" }, { id: "mistral-embed", kind: "embedding", dimensions: 1024 }],
  listModels: (models) => ({
    object: "list",
    data: models.map((m) => ({
      id: m.id,
      object: "model",
      created: 1_733_447_754,
      owned_by: "mistralai",
      capabilities: {
        completion_chat: m.kind !== "embedding",
        completion_fim: false,
        function_calling: m.kind !== "embedding",
        fine_tuning: false,
        vision: false,
        classification: false,
      },
      name: m.id,
      description: `Mock of ${m.id}`,
      max_context_length: 131_072,
      aliases: [],
      deprecation: null,
      default_model_temperature: 0.3,
      type: "base",
    })),
  }),
  successHeaders: (ctx) => ({
    "mistral-correlation-id": alnumId(`mistral-${ctx.served}`, 32),
    "x-ratelimit-limit-req-minute": "60",
    "x-ratelimit-remaining-req-minute": String(Math.max(0, 60 - ctx.served)),
    "x-ratelimit-limit-tokens-minute": "500000",
    "x-ratelimit-remaining-tokens-minute": String(Math.max(0, 500_000 - ctx.served * 50)),
    "x-ratelimit-tokens-query-cost": "52",
  }),
  validate: (body) => {
    const extra = extraForbidden(body);
    if (extra.length > 0) {
      const detail = extra.map((e) => ({ type: "extra_forbidden", loc: e.loc, msg: "Extra inputs are not permitted", input: e.input }));
      return mistralError(422, { detail }, "invalid_request_error", null);
    }
    const id = badToolCallId(body);
    if (id !== undefined) {
      return mistralError(400, `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`, "invalid_function_call", "3280", true);
    }
    return undefined;
  },
  errors: {
    badKey: () => ({ status: 401, body: { message: "Unauthorized", request_id: alnumId("mistral-401", 32) } }),
    modelNotFound: () => mistralError(400, "Invalid model", "invalid_model", "1500", true),
    rateLimit: (fault) => {
      const headers = { "retry-after": String(Math.ceil(fault.retryAfterSeconds ?? 1)) };
      if (fault.variant === "legacy") return { status: 429, body: { message: "Requests rate limit exceeded" }, headers };
      return { ...mistralError(429, "Rate limit exceeded", "rate_limited", "1300", true), headers };
    },
    paymentRequired: () => mistralError(402, "Payment required", "invalid_request_error", null),
    tooLarge: (_model, promptTokens) =>
      mistralError(
        400,
        `Prompt contains ${Math.max(promptTokens, 131_073)} tokens and 0 draft tokens, too large for model with 131072 maximum context length`,
        "invalid_request_message_length",
        "3051",
        true,
      ),
    serverError: (status) => mistralError(status, status === 503 ? "Service unavailable." : "Internal server error", "internal_server_error", "1000", true),
    degraded: () => mistralError(503, "Service unavailable.", "internal_server_error", "1000", true),
    badRequest: (message) => mistralError(400, message, "invalid_request_error", null),
    streamError: (message) => ({ object: "error", message, type: "internal_server_error", param: null, code: "1000" }),
  },
  stream: {
    toolCallIndex: true,
    toolCallsWhole: true,
    finishReasonAfterTools: "tool_calls",
    usage: "final-chunk",
  },
  toolCallId: (n) => alnumId(`mistral-call-${n}`, 9),
};
