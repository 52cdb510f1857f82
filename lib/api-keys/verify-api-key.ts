import { LRUCache } from "lru-cache";
import { prisma } from "@/lib/db";
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
}

/**
 * Keys are looked up by hash and cached briefly: a revocation is seen at once on the instance
 * that made it (the entry is dropped) and within CACHE_TTL_MS on every other instance.
 * Misses are cached too, so a flood of bad keys does not become a flood of queries.
 */
const CACHE_TTL_MS = 4_000;
const cache = new LRUCache<string, VerifiedApiKey | false>({ max: 50_000, ttl: CACHE_TTL_MS });

async function lookup(hash: string): Promise<VerifiedApiKey | false> {
  const row = await prisma.apiKey.findUnique({
    where: { hash },
    select: { id: true, userId: true, name: true, expiresAt: true, revokedAt: true, dailyRequestCap: true, dailyTokenCap: true, monthlyRequestCap: true, monthlyTokenCap: true, modelAllowlist: true },
  });
  if (!row || row.revokedAt) return false;
  const { revokedAt: _revoked, ...key } = row;
  return key;
}

/** The active key for a plaintext, or null when it is unknown, revoked or expired. */
export async function verifyApiKey(plaintext: string): Promise<VerifiedApiKey | null> {
  if (!isWellFormedApiKey(plaintext)) return null;
  const hash = hashApiKey(plaintext);
  let key = cache.get(hash);
  if (key === undefined) {
    key = await lookup(hash);
    cache.set(hash, key);
  }
  if (!key || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
  return key;
}

export function forgetApiKey(hash: string) {
  cache.delete(hash);
}
