import { LRUCache } from "lru-cache";

/**
 * An LRU cache whose entries expire after `ttl` ms, for the lookups every request makes (its API
 * key, its user's routing, a dashboard session). `ttlResolution: 0` reads the clock at each
 * staleness check: lru-cache's default instead caches the time for 1 ms behind a timer, so at a
 * few requests per millisecond or fewer every lookup set a timer, which costs more than the
 * clock read it saves (a monotonic clock read is well under a microsecond).
 */
export function ttlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(options: { max: number; ttl: number }): LRUCache<K, V> {
  return new LRUCache<K, V>({ ...options, ttlResolution: 0 });
}
