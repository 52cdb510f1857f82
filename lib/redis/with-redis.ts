import type { Redis } from "@upstash/redis";
import type { RedisConnection } from "./redis-connection";
import { withTimeout } from "./with-timeout";

/**
 * Runs `operation` against Redis, or `fallback` (the in-process equivalent) when there is no
 * Redis, when it is degraded, or when this call fails or exceeds the timeout. Never throws
 * because of Redis: the gateway keeps serving on local state.
 */
export async function withRedis<T>(connection: RedisConnection | null, operation: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
  if (!connection || connection.health.isDegraded()) return fallback();
  let result: T;
  try {
    result = await withTimeout(operation(connection.redis), connection.timeoutMs);
  } catch (error) {
    connection.health.reportFailure(error);
    return fallback();
  }
  connection.health.reportSuccess();
  return result;
}
