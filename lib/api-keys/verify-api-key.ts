import { ttlCache } from "@/lib/cache/ttl-cache";
import { prisma } from "@/lib/db";
import { keySettingsFields } from "./key-fields";
import { hashApiKey, isWellFormedApiKey } from "./key-format";

export interface VerifiedApiKey {
  id: string;
  userId: string;
  name: string;
  expiresAt: Date | null;
  dailyRequestCap: number | null;
  dailyTokenCap: number | null;
  monthlyRequestCap: number | null;
  monthlyTokenCap: number | null;
  modelAllowlist: string[];
  responseCache: boolean;
}

/**
 * Keys are looked up by hash (a presented key) or by id (the key behind a browser token) and
 * cached briefly: a revocation is seen at once on the instance that made it (the entries are
 * dropped) and within CACHE_TTL_MS on every other instance.
 * Misses are cached too, so a flood of bad keys does not become a flood of queries.
 */
const CACHE_TTL_MS = 4_000;
const cache = ttlCache<string, VerifiedApiKey | false>({ max: 50_000, ttl: CACHE_TTL_MS });

async function lookup(where: { hash: string } | { id: string }): Promise<VerifiedApiKey | false> {
  const row = await prisma.apiKey.findUnique({
    where,
    select: { id: true, userId: true, name: true, ...keySettingsFields },
  });
  if (!row || row.revokedAt) return false;
  const { revokedAt: _revoked, ...key } = row;
  return key;
}

/** The active key for a plaintext, or null when it is unknown, revoked or expired. */
export async function verifyApiKey(plaintext: string): Promise<VerifiedApiKey | null> {
  if (!isWellFormedApiKey(plaintext)) return null;
  const hash = hashApiKey(plaintext);
  return activeKey(hash, { hash });
}

/** The same check for a key named by id: browser tokens carry their issuing key's id. */
export function verifyApiKeyById(id: string): Promise<VerifiedApiKey | null> {
  return activeKey(`id:${id}`, { id });
}

async function activeKey(cacheKey: string, where: { hash: string } | { id: string }): Promise<VerifiedApiKey | null> {
  let key = cache.get(cacheKey);
  if (key === undefined) {
    key = await lookup(where);
    cache.set(cacheKey, key);
  }
  if (!key || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
  return key;
}

export function forgetApiKey(key: { id: string; hash: string }) {
  cache.delete(key.hash);
  cache.delete(`id:${key.id}`);
}
