import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { log } from "@/lib/log";
import { createIoredisRequester } from "./ioredis-requester";
import { readRedisConfig, type RedisConfig } from "./redis-config";
import { RedisHealth, type RedisHealthOptions, type RedisHealthStatus } from "./redis-health";
import { withTimeout } from "./with-timeout";

/** One shared backend: the Upstash client (REST or TCP-backed), its health and its settings. */
export interface RedisConnection {
  readonly redis: Redis;
  readonly health: RedisHealth;
  readonly timeoutMs: number;
  /** Every key this app writes starts with `${prefix}:`. */
  readonly prefix: string;
  close(): Promise<void>;
}

export type RedisConnectionOptions = Partial<Omit<RedisHealthOptions, "ping">>;

export function createRedisConnection(config: RedisConfig, options: RedisConnectionOptions = {}): RedisConnection | null {
  if (config.kind === "none") return null;
  const { timeoutMs, prefix } = config;

  if (config.kind === "upstash") {
    // No retries: a slow Upstash must fall back to local limits, not stall the request.
    const redis = new Redis({ url: config.url, token: config.token, retry: false, enableTelemetry: false, enableAutoPipelining: false });
    const health = new RedisHealth({ ...options, ping: () => withTimeout(redis.ping(), timeoutMs) });
    return { redis, health, timeoutMs, prefix, close: async () => health.close() };
  }

  const client = new IORedis(config.url, {
    // Fail fast while disconnected instead of queueing (and replaying stale INCRs later).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Only a backstop that drops commands a hung Redis never answers: withTimeout decides the
    // fallback. At timeoutMs this timer would fire before a reply delayed by a busy event loop.
    commandTimeout: Math.max(1_000, timeoutMs * 10),
    connectTimeout: Math.max(1_000, timeoutMs),
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  const redis = new Redis(createIoredisRequester(client, { timeoutMs }));
  const health = new RedisHealth({ ...options, ping: () => withTimeout(redis.ping(), timeoutMs) });
  client.on("error", (error: Error) => health.reportFailure(error));
  client.on("ready", () => health.reportSuccess());
  return {
    redis,
    health,
    timeoutMs,
    prefix,
    close: async () => {
      health.close();
      client.disconnect();
    },
  };
}

// On globalThis so Next's dev reloads reuse one connection instead of leaking one per reload.
const slot = Symbol.for("freellmapi.redis-connection");
type Slot = { [slot]?: RedisConnection | null };

/** The process-wide connection from the environment, or null in embedded mode. */
export function getRedisConnection(): RedisConnection | null {
  const store = globalThis as Slot;
  if (store[slot] === undefined) store[slot] = createRedisConnection(readRedisConfig(), { warn: (message) => log.warn(message) });
  return store[slot];
}

/** Closes the process-wide connection (scripts and tests); the next call reconnects. */
export async function closeRedisConnection(): Promise<void> {
  const store = globalThis as Slot;
  const connection = store[slot];
  store[slot] = undefined;
  await connection?.close();
}

/** For /api/health: "disabled" in embedded mode, "degraded" while falling back to memory. */
export function getRedisHealth(): RedisHealthStatus {
  return getRedisConnection()?.health.status ?? "disabled";
}
