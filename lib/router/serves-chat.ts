import { findModelSpec, isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import { inferModelCapabilities, type ModelCapability } from "@/lib/providers/model-capabilities";

export interface ListedKey {
  providerId: string;
  /** Ids last listed from the provider; null or empty = never listed (or unreadable), the catalog stands in. */
  models: string[] | null;
  /** What each listed id can do; null for keys listed before capabilities were kept. */
  capabilities?: Record<string, ModelCapability[]> | null;
}

/** What a model of this key can do: as listed, as the catalog says (chat), or as its name suggests. */
export function capabilitiesFor(key: ListedKey, model: string): ModelCapability[] {
  const listed = key.capabilities?.[model];
  if (listed) return listed;
  if (isProviderId(key.providerId) && findModelSpec(key.providerId, model)) return ["chat"];
  return inferModelCapabilities(model);
}

const listed = (key: ListedKey) => (key.models && key.models.length > 0 ? key.models : null);

/** A key serves a chat model its last listing named (and that can chat), or any catalog model when never listed. */
export function servesChat(key: ListedKey, model: string): boolean {
  if (listed(key)) return key.models!.includes(model) && capabilitiesFor(key, model).includes("chat");
  return isProviderId(key.providerId) && findModelSpec(key.providerId, model) !== undefined;
}

/** The chat models a provider's keys serve, for pinning: listed ones, or the catalog's for a key never listed. */
export function chatModelsOf(providerId: string, keys: readonly ListedKey[]): string[] {
  const catalog = isProviderId(providerId) ? PROVIDERS[providerId].models.map((m) => m.id) : [];
  const found = new Set<string>();
  for (const key of keys) for (const model of listed(key) ?? catalog) if (servesChat(key, model)) found.add(model);
  return [...found].sort();
}
