import type { ErrorReply } from "../types";
import { alnumId } from "../wire-formats";
import { openaiError, openaiModelList, OPENAI_STREAM } from "./openai-style";
import type { ProviderProfile } from "./provider-profile";

// NIM mixes RFC-7807-like `{status,title,detail}`, bare `{detail}` and OpenAI envelopes.
function problem(status: number, title: string, detail?: string): ErrorReply {
  return { status, body: { status, title, ...(detail ? { detail } : {}), type: "about:blank" } };
}

const FUNCTION_ID = "0b3c7a4e-5d8f-4a2b-9c1d-6e7f8a9b0c1d";

export const nvidiaProfile: ProviderProfile = {
  name: "nvidia",
  basePath: "/v1",
  defaultKeys: ["nvapi-test"],
  models: [
    { id: "meta/llama-3.3-70b-instruct" },
    { id: "deepseek-ai/deepseek-v4-flash", reasoning: true, singleToolCall: true },
    { id: "nvidia/nv-embedqa-e5-v5", kind: "embedding", dimensions: 1024 },
  ],
  listModels: (models) => openaiModelList(models, "nvidia"),
  successHeaders: (ctx) => ({
    "nvcf-reqid": alnumId(`nvcf-${ctx.served}`, 32),
    "nvcf-status": "fulfilled",
  }),
  validate: (body, model) => {
    const tools = body.tools ?? [];
    if (model.singleToolCall && tools.length > 1 && body.parallel_tool_calls !== false) {
      return { status: 400, body: { detail: "This model only supports single tool-calls at once!" } };
    }
    return undefined;
  },
  errors: {
    badKey: () => problem(401, "Unauthorized", "Authentication failed"),
    modelNotFound: (model) => openaiError(404, `Function '${FUNCTION_ID}': Not found for account 'mock-account' (model ${model})`, "not_found", "404"),
    rateLimit: (fault) => ({
      ...problem(429, "Too Many Requests"),
      body: { status: 429, title: "Too Many Requests" },
      headers: fault.retryAfterSeconds !== undefined ? { "retry-after": String(Math.ceil(fault.retryAfterSeconds)) } : undefined,
    }),
    paymentRequired: () => problem(402, "Payment Required", "Account credits exhausted"),
    tooLarge: (_model, promptTokens) =>
      openaiError(
        400,
        `This model's maximum context length is 131072 tokens. However, you requested ${Math.max(promptTokens, 131_073)} tokens. Please reduce the length of the messages or completion.`,
        "BadRequestError",
        "400",
      ),
    serverError: (status) =>
      status === 503
        ? problem(503, "Service Unavailable", "Worker is not ready")
        : status === 502
          ? problem(502, "Bad Gateway")
          : problem(500, "Internal Server Error", "Inference error"),
    degraded: () => ({
      status: 400,
      body: { detail: `Function id '${FUNCTION_ID}': DEGRADED function cannot be invoked` },
    }),
    badRequest: (message) => ({ status: 400, body: { detail: message } }),
    streamError: (message) => ({ error: { message, type: "internal_server_error", code: 500 } }),
  },
  stream: OPENAI_STREAM,
  reasoningField: "reasoning_content",
  toolCallId: (n) => `chatcmpl-tool-${alnumId(`nv-${n}`, 32).toLowerCase()}`,
};
