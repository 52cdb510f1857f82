import { routingChanged } from "@/lib/routing-state/routing-changes";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { limitsView } from "@/lib/provider-keys/provider-catalog";
import { readCapabilityMap } from "@/lib/provider-keys/stored-models";
import { PROVIDERS, isProviderId } from "@/lib/providers";
import { chatModelsOf, type ListedKey } from "@/lib/router/serves-chat";
import { deriveChainState, withPinState, type Block, type KeyForState } from "./chain-state";

type StoredKey = { providerId: string; models: unknown; modelCapabilities: unknown };

const listedKey = (key: StoredKey): ListedKey => ({
  providerId: key.providerId,
  models: Array.isArray(key.models) ? (key.models as string[]) : null,
  capabilities: readCapabilityMap(key.modelCapabilities),
});

/** What a chain entry may pin: the chat models its keys serve (the catalog's while it has no key). */
function pinnableModels(providerId: string, keys: StoredKey[]): string[] {
  const own = keys.filter((k) => k.providerId === providerId).map(listedKey);
  if (own.length > 0) return chatModelsOf(providerId, own);
  return isProviderId(providerId) ? PROVIDERS[providerId].models.map((m) => m.id).sort() : [];
}
import { setChainSchema, type ChainEntryData, type ChainEntryInput } from "./schemas";

async function keysWithBlocks(userId: string): Promise<{ byProvider: Map<string, KeyForState[]>; keys: StoredKey[] }> {
  const keys = await prisma.providerKey.findMany({
    where: { userId },
    select: { id: true, providerId: true, status: true, models: true, modelCapabilities: true },
  });
  const state = getRoutingState();
  const byProvider = new Map<string, KeyForState[]>();
  await Promise.all(
    keys.map(async (key) => {
      const listed = key.status === "active" ? await state.listBlocked(`${key.id}:`) : [];
      const blocks: Block[] = listed.map((b) => ({ model: b.target.slice(key.id.length + 1), until: b.until, reason: b.reason }));
      const models = Array.isArray(key.models) ? (key.models as string[]) : [];
      const list = byProvider.get(key.providerId) ?? [];
      list.push({ id: key.id, status: key.status, models, blocks });
      byProvider.set(key.providerId, list);
    }),
  );
  return { byProvider, keys };
}

/** The owner's fallback chain in order, with free-tier limits and each entry's live state. */
export async function getChain(userId: string) {
  const [entries, { byProvider, keys }] = await Promise.all([
    prisma.fallbackEntry.findMany({ where: { userId }, orderBy: { position: "asc" } }),
    keysWithBlocks(userId),
  ]);
  return entries.map((entry) => {
    const provider = isProviderId(entry.providerId) ? PROVIDERS[entry.providerId] : null;
    const providerKeys = byProvider.get(entry.providerId) ?? [];
    const pinnable = pinnableModels(entry.providerId, keys);
    return {
      id: entry.id,
      providerId: entry.providerId,
      providerName: provider?.name ?? entry.providerId,
      position: entry.position,
      pinnedModel: entry.pinnedModel,
      enabled: entry.enabled,
      limits: provider ? limitsView(provider, entry.pinnedModel) : null,
      keyCount: providerKeys.length,
      pinnableModels: pinnable,
      state: withPinState(deriveChainState(providerKeys, entry.pinnedModel), entry.pinnedModel, pinnable),
    };
  });
}

export type ChainEntryView = Awaited<ReturnType<typeof getChain>>[number];

/**
 * A new pin must be a chat model the owner's keys for that provider serve. A pin already saved
 * may stay while it is not served (the chain shows it as such), so a reorder still saves.
 */
async function assertPinnedModels(userId: string, entries: { providerId: string; pinnedModel: string | null }[]) {
  const [keys, saved] = await Promise.all([
    prisma.providerKey.findMany({ where: { userId }, select: { providerId: true, models: true, modelCapabilities: true } }),
    prisma.fallbackEntry.findMany({ where: { userId }, select: { providerId: true, pinnedModel: true } }),
  ]);
  entries.forEach((entry, index) => {
    if (!entry.pinnedModel) return;
    if (saved.some((s) => s.providerId === entry.providerId && s.pinnedModel === entry.pinnedModel)) return;
    if (!pinnableModels(entry.providerId, keys).includes(entry.pinnedModel)) {
      throw new AppError("invalid_request", `${entry.pinnedModel} is not a chat model your ${entry.providerId} keys serve`, `entries.${index}.pinnedModel`);
    }
  });
}

/** Replaces the whole order (parsed by setChainSchema) in one transaction, so a reorder is never half-saved. */
export async function setChain(userId: string, entries: ChainEntryData[]) {
  await assertPinnedModels(userId, entries);
  await prisma.$transaction([
    prisma.fallbackEntry.deleteMany({ where: { userId } }),
    prisma.fallbackEntry.createMany({
      data: entries.map((entry, position) => ({ userId, position, providerId: entry.providerId, pinnedModel: entry.pinnedModel, enabled: entry.enabled })),
    }),
  ]);
  await routingChanged(userId);
  return getChain(userId);
}

/** For the CLI: `groq` or `groq/llama-3.3-70b-versatile` (the model may itself contain `/`). */
export function parseChainSpec(spec: string): ChainEntryInput {
  const slash = spec.indexOf("/");
  const providerId = slash === -1 ? spec : spec.slice(0, slash);
  const pinnedModel = slash === -1 ? null : spec.slice(slash + 1) || null;
  return { providerId, pinnedModel, enabled: true };
}

export function setChainBySpec(userId: string, specs: string[]) {
  return setChain(userId, setChainSchema.parse({ entries: specs.map(parseChainSpec) }).entries);
}
