import { isProviderId } from "@/lib/providers/catalog";
import type { ProviderId } from "@/lib/providers/types";
import type { ProviderKey } from "./types";

/**
 * The caller's active keys of known providers, by provider: first the providers of `entries` (chain
 * entries) in their order, then those with keys but no entry, in the order their first key was added.
 */
export function activeKeysInChainOrder(entries: readonly { providerId: string }[], keys: readonly ProviderKey[]): Map<ProviderId, ProviderKey[]> {
  const active = keys.filter((k) => k.status === "active" && isProviderId(k.providerId));
  const byProvider = new Map<ProviderId, ProviderKey[]>();
  for (const { providerId } of entries) if (isProviderId(providerId) && active.some((k) => k.providerId === providerId)) byProvider.set(providerId, []);
  for (const key of active) {
    const id = key.providerId as ProviderId;
    byProvider.set(id, [...(byProvider.get(id) ?? []), key]);
  }
  return byProvider;
}
