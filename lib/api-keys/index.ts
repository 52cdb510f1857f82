export {
  createApiKey,
  getActiveApiKeyIdByNameOrThrow,
  listApiKeys,
  revokeApiKey,
  setApiKeyResponseCache,
  updateApiKeyLimits,
  type ApiKeyView,
} from "./api-keys";
export { API_KEY_PREFIX, displayStart, generateApiKey, hashApiKey, isWellFormedApiKey } from "./key-format";
export {
  createApiKeySchema,
  responseCacheSettingSchema,
  updateApiKeyLimitsSchema,
  type CreateApiKeyData,
  type CreateApiKeyInput,
  type UpdateApiKeyLimitsData,
  type UpdateApiKeyLimitsInput,
} from "./schemas";
export { forgetApiKey, verifyApiKey, verifyApiKeyById, type VerifiedApiKey } from "./verify-api-key";
