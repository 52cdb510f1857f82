import type { LRUCache } from "lru-cache";
import { ttlCache } from "@/lib/cache/ttl-cache";
import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import type { ModelAliasRule } from "@/lib/model-aliases/resolve-model-alias";
import { providerKeyLabel } from "@/lib/provider-keys/provider-key-view";
import { readCapabilityMap } from "@/lib/provider-keys/stored-models";
import type { ChainEntry, ProviderKey } from "@/lib/router";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { readRoutingVersion } from "@/lib/routing-state/read-routing-version";
import { onRoutingChange } from "@/lib/routing-state/routing-changes";

export interface UserRouting {
  chain: ChainEntry[];
  keys: ProviderKey[];
  /** Account-wide and per-key model aliases together. */
  aliases: ModelAliasRule[];
}

/**
 * A user's chain, provider keys and model aliases, read once per couple of seconds rather than per request.
 * A change (`routingChanged`) drops the entry at once on the instance that made it; other instances
 * notice it by the routing version read with each request's routing state (`isCurrentRouting`).
 */
const TTL_MS = 2_000;
// One per process, not per module copy: Next.js may load this module once per route bundle, and a
// change made through the dashboard's routes must drop the entry the gateway's routes read.
const slot = Symbol.for("freellmapi.user-routing-cache");
const cache = ((globalThis as { [slot]?: LRUCache<string, Promise<UserRouting>> })[slot] ??= ttlCache<string, Promise<UserRouting>>({
  max: 10_000,
  ttl: TTL_MS,
}));

async function load(userId: string): Promise<UserRouting> {
  const [entries, keys, aliases] = await Promise.all([
    prisma.fallbackEntry.findMany({ where: { userId }, orderBy: { position: "asc" }, select: { providerId: true, pinnedModel: true, enabled: true } }),
    prisma.providerKey.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        providerId: true,
        label: true,
        lastFour: true,
        encryptedSecret: true,
        baseUrl: true,
        status: true,
        models: true,
        modelCapabilities: true,
      },
    }),
    prisma.modelAlias.findMany({ where: { userId }, select: { alias: true, target: true, apiKeyId: true } }),
  ]);
  const providerKeys: ProviderKey[] = keys.map(({ label, lastFour, modelCapabilities, ...key }) => ({
    ...key,
    label: providerKeyLabel(label, lastFour),
    models: Array.isArray(key.models) ? (key.models as string[]) : null,
    capabilities: readCapabilityMap(modelCapabilities),
  }));
  // With keys but no chain yet, the providers are tried in the order their keys were added.
  const chain: ChainEntry[] =
    entries.length > 0
      ? entries
      : [...new Set(providerKeys.map((key) => key.providerId))].map((providerId) => ({ providerId, pinnedModel: null, enabled: true }));
  return { chain, keys: providerKeys, aliases };
}

export function getUserRouting(userId: string): Promise<UserRouting> {
  let entry = cache.get(userId);
  if (!entry) {
    entry = load(userId);
    cache.set(userId, entry);
    entry.catch(() => cache.delete(userId));
  }
  return entry;
}

export function forgetUserRouting(userId: string) {
  cache.delete(userId);
}

onRoutingChange((userId) => forgetUserRouting(userId));

// Provider secrets decrypted from a routing read, kept with that read (so no longer than it is
// cached plus the requests still using it): decrypted once per read instead of once per request.
const secretsSlot = Symbol.for("freellmapi.user-routing-secrets");
const secrets = ((globalThis as { [secretsSlot]?: WeakMap<UserRouting, Map<string, string>> })[secretsSlot] ??= new WeakMap());

/** The plaintext of one of `routing`'s provider key envelopes. Throws as `decryptSecret` does; a failure is not kept. */
export function routingSecret(routing: UserRouting, envelope: string): string {
  let known = secrets.get(routing);
  if (!known) secrets.set(routing, (known = new Map()));
  let secret = known.get(envelope);
  if (secret === undefined) known.set(envelope, (secret = decryptSecret(envelope)));
  return secret;
}

// The routing version each cached read was found current at, set by its first check; per process,
// like the cache, so every route bundle's copy of this module sees the same versions.
const versionsSlot = Symbol.for("freellmapi.user-routing-versions");
const versions = ((globalThis as { [versionsSlot]?: WeakMap<UserRouting, number> })[versionsSlot] ??= new WeakMap<UserRouting, number>());

/**
 * Whether `routing` is still current, given the user's routing version just read from the shared
 * state. The first check of a fresh read adopts the version (the read came from the database a
 * moment before, so a change in between is caught by the 2 s TTL at worst).
 */
export function isCurrentRouting(routing: UserRouting, version: number): boolean {
  const seen = versions.get(routing);
  if (seen === undefined) versions.set(routing, version);
  return seen === undefined || seen === version;
}

/**
 * The user's routing, checked against the routing version first (one read of the routing state),
 * for the paths that do not route and so have no snapshot to carry the version (`/v1/models`).
 */
export async function getCurrentUserRouting(userId: string): Promise<UserRouting> {
  const [routing, version] = await Promise.all([getUserRouting(userId), readRoutingVersion(getRoutingState(), userId)]);
  if (version === null || isCurrentRouting(routing, version)) return routing;
  forgetUserRouting(userId);
  return getUserRouting(userId);
}
