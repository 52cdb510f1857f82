import { openaiError, openaiErrors, openaiModelList, openaiToolCallId, OPENAI_STREAM } from "./openai-style";
import type { ProviderProfile } from "./provider-profile";

const errors = openaiErrors();

/** Kilo Gateway: anonymous calls work for `:free` routes; any response_format is a 400 (2026-07). */
export const kiloProfile: ProviderProfile = {
  name: "kilo",
  basePath: "/api/gateway",
  defaultKeys: ["kilo-test"],
  publicModelList: true,
  keylessModel: (model) => model.endsWith(":free"),
  models: [{ id: "minimax/minimax-m2.5:free" }, { id: "anthropic/claude-sonnet-4.5" }],
  listModels: (models) => openaiModelList(models, "kilo"),
  successHeaders: () => ({}),
  validate: (body, _model, ctx) => (body.response_format !== undefined ? errors.badRequest("Provider returned error", null, ctx) : undefined),
  errors: {
    ...errors,
    badKey: () => openaiError(401, "Invalid token", "authentication_error", "invalid_token"),
  },
  stream: OPENAI_STREAM,
  reasoningField: "reasoning",
  toolCallId: openaiToolCallId,
};
