export { routeChatCompletion } from "./route-chat-completion";
export { routeEmbeddings } from "./route-embeddings";
export { listAvailableModels, type ModelListItem } from "./list-available-models";
export { GatewayError, type GatewayErrorCode, type ProviderState } from "./errors";
export { chatCompletionRequestSchema, embeddingsRequestSchema, parseOrThrow, type ChatCompletionRequest, type EmbeddingsRequest } from "./schemas";
export { META_MODELS, type MetaModel } from "./resolve-requested-model";
export { DEFAULT_ROUTE_OPTIONS } from "./types";
export type * from "./types";
