import { log } from "@/lib/log";
import { recordLimitRejectionMetric } from "@/lib/observability/metrics";
import { getRedisConnection } from "@/lib/redis/redis-connection";
import { loadKeyUsageThisMonth, loadKeyUsageToday } from "@/lib/usage/key-usage-today";
import { RateLimitExceededError } from "./limit-errors";
import { tokenBucket } from "./limit-policy";
import type { LimitCheckInput, LimitResult, RateLimitHeaders, TokenUsage } from "./limit-types";
import { createRequestLimiter, type RequestLimiter } from "./request-limiter";

// Created once per process, on first use rather than at import so `next build` and unit
// tests that never check a limit open no Redis connection.
let limiter: RequestLimiter | undefined;
// Today's and this month's counts per key from the usage table, so a restart does not hand out
// daily or monthly caps again.
let seeded: Promise<void> = Promise.resolve();

function getRequestLimiter(): RequestLimiter {
  if (!limiter) {
    const created = createRequestLimiter({ connection: getRedisConnection() });
    limiter = created;
    const now = Date.now();
    seeded = Promise.all([loadKeyUsageToday(now), loadKeyUsageThisMonth(now)])
      .then(([today, month]) => {
        for (const row of today) created.memory.seedDay(tokenBucket(row.apiKeyId), row.requests, row.tokens, now);
        for (const row of month) created.memory.seedMonth(tokenBucket(row.apiKeyId), row.requests, row.tokens, now);
      })
      .catch((error) => log.warn("Could not seed daily and monthly key counts from the usage table", error));
  }
  return limiter;
}

export async function checkRequestLimits(input: LimitCheckInput): Promise<LimitResult> {
  const requestLimiter = getRequestLimiter();
  await seeded;
  return requestLimiter.check(input);
}

/** Same as `checkRequestLimits`, for wrappers that map errors: throws RateLimitExceededError. */
export async function assertRequestLimits(input: LimitCheckInput): Promise<RateLimitHeaders> {
  const result = await checkRequestLimits(input);
  if (!result.ok) {
    recordLimitRejectionMetric(result.limit);
    throw new RateLimitExceededError(result.limit, result.retryAfterSeconds, result.headers);
  }
  return result.headers;
}

/** Never throws because of Redis; safe to fire and forget once the response's usage is known. */
export function recordTokens(usage: TokenUsage): Promise<void> {
  return getRequestLimiter().recordTokens(usage);
}

/**
 * The dashboard playground, authenticated by the session: it counts as one more key of the
 * account (KEY_RPM for itself, and the same ACCOUNT_RPM budget the unified keys share).
 */
export function assertPlaygroundLimits(userId: string): Promise<RateLimitHeaders> {
  return assertRequestLimits({ userId, apiKeyId: `playground:${userId}` });
}
