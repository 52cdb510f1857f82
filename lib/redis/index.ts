export { createRoutingState } from "./create-routing-state";
export { FallbackRoutingState } from "./fallback-routing-state";
export { createIoredisRequester, RedisUnavailableError } from "./ioredis-requester";
export { readRedisConfig, type RedisConfig } from "./redis-config";
export { closeRedisConnection, createRedisConnection, getRedisConnection, getRedisHealth, type RedisConnection } from "./redis-connection";
export { RedisHealth, type RedisHealthStatus } from "./redis-health";
export { RedisRoutingState } from "./redis-routing-state";
export { withRedis } from "./with-redis";
