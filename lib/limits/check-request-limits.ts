import { getRedisConnection } from "@/lib/redis/redis-connection";
import { RateLimitExceededError } from "./limit-errors";
import type { LimitCheckInput, LimitResult, RateLimitHeaders, TokenUsage } from "./limit-types";
import { createRequestLimiter, type RequestLimiter } from "./request-limiter";

// Created once per process, on first use rather than at import so `next build` and unit
// tests that never check a limit open no Redis connection.
let limiter: RequestLimiter | undefined;

function getRequestLimiter(): RequestLimiter {
  limiter ??= createRequestLimiter({ connection: getRedisConnection() });
  return limiter;
}

export function checkRequestLimits(input: LimitCheckInput): Promise<LimitResult> {
  return getRequestLimiter().check(input);
}

/** Same as `checkRequestLimits`, for wrappers that map errors: throws RateLimitExceededError. */
export async function assertRequestLimits(input: LimitCheckInput): Promise<RateLimitHeaders> {
  const result = await checkRequestLimits(input);
  if (!result.ok) throw new RateLimitExceededError(result.limit, result.retryAfterSeconds, result.headers);
  return result.headers;
}

/** Never throws because of Redis; safe to fire and forget once the response's usage is known. */
export function recordTokens(usage: TokenUsage): Promise<void> {
  return getRequestLimiter().recordTokens(usage);
}
