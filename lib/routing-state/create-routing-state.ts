import { MemoryRoutingState } from "./memory-state";
import type { RoutingState } from "./state";
import { FallbackRoutingState } from "./fallback-routing-state";
import { getRedisConnection, type RedisConnection } from "@/lib/redis/redis-connection";
import { RedisRoutingState } from "./redis-routing-state";

/**
 * The router's state: shared through Redis when one is configured (falling back to this
 * process's memory whenever Redis fails, which also marks health degraded), in memory
 * otherwise. Create it once per process.
 */
export function createRoutingState(connection: RedisConnection | null = getRedisConnection()): RoutingState {
  const local = new MemoryRoutingState();
  if (!connection) return local;
  return new FallbackRoutingState(new RedisRoutingState(connection.redis, connection.prefix), local, connection);
}
