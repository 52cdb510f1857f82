export { createApiKey, getActiveApiKeyIdByNameOrThrow, listApiKeys, revokeApiKey, setApiKeyResponseCache, type ApiKeyView } from "./api-keys";
export { API_KEY_PREFIX, displayStart, generateApiKey, hashApiKey, isWellFormedApiKey } from "./key-format";
export { createApiKeySchema, responseCacheSettingSchema, type CreateApiKeyInput } from "./schemas";
export { forgetApiKey, verifyApiKey, type VerifiedApiKey } from "./verify-api-key";
