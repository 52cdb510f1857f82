import { createHash } from "node:crypto";

/** Fields that change how an answer is delivered, not what it says: a streamed and a whole answer share an entry. */
const DELIVERY_ONLY = new Set(["stream", "stream_options"]);

/** JSON with object keys sorted, so two clients that order fields differently share an entry. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface CacheKeyInput {
  userId: string;
  /** The chat request as routed: model after alias resolution, every other field as sent. */
  request: Record<string, unknown>;
  /** Routing preferences that can change who answers (x-freellmapi-strict, x-freellmapi-privacy). */
  strict: boolean;
  privacy: string;
}

/**
 * SHA-256 over the user and everything in the request that can change the answer (messages,
 * tools, tool_choice, temperature, top_p, max tokens, stop, response_format, seed, unknown
 * provider fields...): entries never cross users, and any difference is a different entry.
 */
export function responseCacheKey({ userId, request, strict, privacy }: CacheKeyInput): string {
  const answerShaping = Object.fromEntries(Object.entries(request).filter(([field]) => !DELIVERY_ONLY.has(field)));
  return createHash("sha256")
    .update(canonical({ v: 1, userId, strict, privacy, request: answerShaping }))
    .digest("hex");
}
