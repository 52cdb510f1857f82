import type { ProviderAdapter } from "../types";
import { isFreeModelEntry } from "../free-model-entry";

export const kilo: ProviderAdapter = {
  id: "kilo",
  name: "Kilo Gateway",
  baseUrl: "https://api.kilo.ai/api/gateway",
  baseUrlEnv: "KILO_BASE_URL",
  auth: "bearer-optional",
  keyUrl: "https://app.kilo.ai/profile",
  trainsOnFreeTier: true,
  limits: { window: "rolling", note: "Anonymous :free routes ~200 requests/hour per IP (3rd-party, not verified, 2026-07)." },
  // The :free roster rotates; it comes from listModels when the key is added.
  models: [],
  embeddingModels: [],
  quotaScope: "key",
  maxTokensField: "max_tokens",
  acceptsStreamOptions: true,
  aliases: ["kilo-gateway"],
  // 400 on response_format.
  droppedParams: ["response_format"],
  keepListedModel: isFreeModelEntry,
};
