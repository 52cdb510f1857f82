import type { RedisConnection } from "@/lib/redis/redis-connection";
import { withRedis } from "@/lib/redis/with-redis";
import { queueWrite } from "@/lib/redis/write-batch";
import { limitStates, toLimitResult } from "./limit-decision";
import { planLimits, readLimitPolicy, tokenBucket, type LimitPolicy } from "./limit-policy";
import type { LimitCheckInput, LimitResult, TokenUsage } from "./limit-types";
import { MemoryLimiter } from "./memory-limiter";
import { RedisLimiter } from "./redis-limiter";

export interface RequestLimiter {
  /** Every limit of one request, counted only if all allow it. One Redis round trip. */
  check(input: LimitCheckInput): Promise<LimitResult>;
  /** Adds a response's tokens to today's count; call it after the response, off the hot path (batched with the other after-response writes). */
  recordTokens(usage: TokenUsage): Promise<void>;
  /** The in-process side: the whole limiter in embedded mode, the fallback otherwise. */
  readonly memory: MemoryLimiter;
}

export interface RequestLimiterOptions {
  connection: RedisConnection | null;
  policy?: LimitPolicy;
  now?: () => number;
}

/** Redis when connected and healthy, this process's memory otherwise (never an error). */
export function createRequestLimiter(options: RequestLimiterOptions): RequestLimiter {
  const { connection } = options;
  const policy = options.policy ?? readLimitPolicy();
  const clock = options.now ?? Date.now;
  const memory = new MemoryLimiter();
  const shared = connection ? new RedisLimiter(connection.redis, connection.prefix) : null;

  return {
    memory,
    async check(input) {
      const plan = planLimits(policy, input);
      const now = clock();
      const counts = await withRedis(
        connection,
        () => shared!.check(plan, now),
        () => memory.check(plan, now),
      );
      return toLimitResult(limitStates(plan, counts, now), now);
    },
    async recordTokens({ apiKeyId, identifier, tokens }) {
      const count = Math.floor(tokens);
      if (!(count > 0)) return;
      const bucket = tokenBucket(apiKeyId, identifier);
      const now = clock();
      if (!connection) return memory.recordTokens(bucket, count, now);
      await queueWrite(
        connection,
        (pipeline) => shared!.addTokens(pipeline, bucket, count, now),
        () => memory.recordTokens(bucket, count, now),
      );
    },
  };
}
