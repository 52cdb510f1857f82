import type { RateLimitHeaders } from "./limit-types";

/**
 * `X-RateLimit-Reset` is epoch seconds (GitHub's convention, the most common one for the
 * `X-` headers); `Retry-After` is delta seconds as RFC 9110 defines it, at least 1 so a
 * client never retries in a tight loop.
 */
export function rateLimitHeaders(state: { limit: number; remaining: number; resetAt: number }, retryAfterMs?: number): RateLimitHeaders {
  const headers: RateLimitHeaders = {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(Math.max(0, state.remaining)),
    "X-RateLimit-Reset": String(Math.ceil(state.resetAt / 1000)),
  };
  if (retryAfterMs !== undefined) headers["Retry-After"] = String(retryAfterSeconds(retryAfterMs));
  return headers;
}

export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
