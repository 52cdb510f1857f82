export { markProviderKeyInvalid, refreshProviderModels } from "./key-maintenance";
export { limitsView, listProviderCatalog, type LimitsView } from "./provider-catalog";
export { toProviderKeyView, type ProviderKeyView } from "./provider-key-view";
export { addProviderKey, deleteProviderKey, listProviderKeys, recheckProviderKey } from "./provider-keys";
export { rotateProviderKeySecrets, type RotationReport } from "./rotate-secrets";
export { addProviderKeySchema, providerIdSchema, type AddProviderKeyData, type AddProviderKeyInput } from "./schemas";
export { KeyCheckError } from "./validate-provider-key";
