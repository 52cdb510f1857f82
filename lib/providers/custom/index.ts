import type { ProviderAdapter } from "../types";
import { keepClientStreamOptions } from "./keep-client-stream-options";

/** A user-supplied OpenAI-compatible endpoint; its base URL and models live on the key. */
export const custom: ProviderAdapter = {
  id: "custom",
  name: "Custom OpenAI-compatible endpoint",
  baseUrl: "",
  baseUrlEnv: "CUSTOM_BASE_URL",
  auth: "bearer-optional",
  keyUrl: "",
  trainsOnFreeTier: "unknown",
  limits: { window: "rolling" },
  models: [],
  embeddingModels: [],
  quotaScope: "model",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: false,
  userEndpoint: true,
  transformRequest: keepClientStreamOptions,
};
