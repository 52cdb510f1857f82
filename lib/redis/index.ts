export { createIoredisRequester, RedisUnavailableError } from "./ioredis-requester";
export { readRedisConfig, type RedisConfig } from "./redis-config";
export { closeRedisConnection, createRedisConnection, getRedisConnection, getRedisHealth, type RedisConnection } from "./redis-connection";
export { RedisHealth, type RedisHealthStatus } from "./redis-health";
export { withRedis } from "./with-redis";
