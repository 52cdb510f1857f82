import { LRUCache } from "lru-cache";
import { getRedisConnection, withRedis, type RedisConnection } from "@/lib/redis";
import { isCachedAnswer, type CachedAnswer } from "./cached-answer";

export interface ResponseCacheStore {
  get(key: string): Promise<CachedAnswer | null>;
  set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void>;
}

/** The in-process store's budget: entries are weighed by their JSON length. */
const LOCAL_MAX_BYTES = 64 * 1024 * 1024;
/** Larger answers are not worth a cache slot (and would crowd a shared Redis). */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/** Bounded LRU in this process: the store without Redis, and while Redis is down. */
export class MemoryResponseCache implements ResponseCacheStore {
  private readonly entries = new LRUCache<string, string>({ maxSize: LOCAL_MAX_BYTES, sizeCalculation: (value) => Math.max(1, value.length) });

  async get(key: string): Promise<CachedAnswer | null> {
    const raw = this.entries.get(key);
    return raw === undefined ? null : parse(raw);
  }

  async set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
    this.entries.set(key, JSON.stringify(answer), { ttl: ttlSeconds * 1000 });
  }
}

/**
 * Shared through Redis (ioredis or Upstash REST, via lib/redis), so an answer one instance stored
 * is a hit on every other; falls back to this process's LRU whenever Redis fails or is degraded.
 */
export class RedisResponseCache implements ResponseCacheStore {
  constructor(
    private readonly connection: RedisConnection,
    private readonly local: ResponseCacheStore,
  ) {}

  private key(key: string) {
    return `${this.connection.prefix}:cache:${key}`;
  }

  get(key: string): Promise<CachedAnswer | null> {
    return withRedis(
      this.connection,
      async (redis) => parse(await redis.get<unknown>(this.key(key))),
      () => this.local.get(key),
    );
  }

  async set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
    await withRedis(
      this.connection,
      async (redis) => void (await redis.set(this.key(key), JSON.stringify(answer), { ex: ttlSeconds })),
      () => this.local.set(key, answer, ttlSeconds),
    );
  }
}

// The Upstash client may hand back the stored JSON already parsed.
function parse(raw: unknown): CachedAnswer | null {
  if (raw === null || raw === undefined) return null;
  try {
    const value = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    return isCachedAnswer(value) ? value : null;
  } catch {
    return null;
  }
}

const slot = Symbol.for("freellmapi.response-cache");
type Slot = { [slot]?: ResponseCacheStore };

/** One store per process (not per route bundle). */
export function getResponseCacheStore(): ResponseCacheStore {
  const holder = globalThis as Slot;
  if (!holder[slot]) {
    const local = new MemoryResponseCache();
    const connection = getRedisConnection();
    holder[slot] = connection ? new RedisResponseCache(connection, local) : local;
  }
  return holder[slot];
}
