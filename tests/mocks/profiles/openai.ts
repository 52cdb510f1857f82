import { alnumId, goDuration } from "../wire-formats";
import { openaiErrors, openaiModelList, openaiToolCallId, OPENAI_STREAM } from "./openai-style";
import type { ProviderProfile } from "./provider-profile";

const REQUESTS_PER_MINUTE = 500;
const TOKENS_PER_MINUTE = 200_000;

/**
 * The reference wire format (OpenAI Chat Completions). Also stands in for Cohere compat, Cloudflare,
 * Hugging Face, Z.ai and other vLLM-style hosts via the basePath/label options.
 */
export const openaiProfile: ProviderProfile = {
  name: "openai",
  basePath: "/v1",
  defaultKeys: ["sk-test"],
  models: [{ id: "gpt-4o-mini" }, { id: "o4-mini", reasoning: true }, { id: "text-embedding-3-small", kind: "embedding", dimensions: 1536 }],
  listModels: (models) => openaiModelList(models),
  successHeaders: (ctx) => ({
    "x-request-id": `req_${alnumId(`openai-${ctx.served}`, 24)}`,
    "openai-processing-ms": "12",
    "openai-version": "2020-10-01",
    "x-ratelimit-limit-requests": String(REQUESTS_PER_MINUTE),
    "x-ratelimit-limit-tokens": String(TOKENS_PER_MINUTE),
    "x-ratelimit-remaining-requests": String(Math.max(0, REQUESTS_PER_MINUTE - ctx.served)),
    "x-ratelimit-remaining-tokens": String(Math.max(0, TOKENS_PER_MINUTE - ctx.served * 40)),
    "x-ratelimit-reset-requests": goDuration(0.12),
    "x-ratelimit-reset-tokens": goDuration(360),
  }),
  validate: (body, _model, ctx) => {
    if (body.stream_options !== undefined && body.stream !== true) {
      return openaiErrors().badRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", ctx);
    }
    return undefined;
  },
  errors: openaiErrors(),
  stream: OPENAI_STREAM,
  reasoningField: "reasoning_content",
  toolCallId: openaiToolCallId,
  decorate: (target) => {
    target.system_fingerprint = "fp_mock0001";
  },
};
