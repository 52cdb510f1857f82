import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { inject } from "vitest";
import { createRedisConnection, type RedisConnection } from "@/lib/redis/redis-connection";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A prefix no other run (or other engineer's suite on the same Redis) uses. */
export function uniquePrefix(): string {
  return `test:${randomBytes(6).toString("hex")}`;
}

/**
 * The app's connection to the Redis at `url`: over TCP, or in the redis:upstash project through
 * the Upstash REST test server in front of that same Redis.
 */
export function connect(
  prefix: string,
  options: { url?: string; timeoutMs?: number; probeIntervalMs?: number; warn?: (m: string) => void } = {},
): RedisConnection {
  const url = options.url ?? REDIS_URL;
  const rest = inject("upstashRest");
  // Over REST a burst of 25 calls takes ~0.5 s on a busy 2-core test machine: only the
  // degradation tests time Redis out, and they say how long they wait.
  const timeoutMs = options.timeoutMs ?? (rest ? 2_000 : 100);
  const connection = createRedisConnection(
    rest
      ? { kind: "upstash", url: `${rest.url}/port/${new URL(url).port || 6379}`, token: rest.token, timeoutMs, prefix }
      : { kind: "tcp", url, timeoutMs, prefix },
    { probeIntervalMs: options.probeIntervalMs ?? 50, warn: options.warn ?? (() => undefined) },
  );
  if (!connection) throw new Error("expected a connection");
  return connection;
}

/** A plain client to look behind the app's back (TTLs, raw keys) and to clean up. */
export function rawClient(): IORedis {
  return new IORedis(REDIS_URL);
}

export async function deleteByPrefix(raw: IORedis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await raw.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length > 0) await raw.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
