/** The wire protocol a /v1 request came in on; stored with each request log row. */
export const PROTOCOLS = ["chat_completions", "embeddings", "responses", "messages", "completions", "models", "status", "tokens"] as const;
export type Protocol = (typeof PROTOCOLS)[number];
