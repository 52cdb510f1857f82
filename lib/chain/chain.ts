import { forgetUserRouting } from "@/lib/gateway/user-routing";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRoutingState } from "@/lib/gateway/routing-state";
import { limitsView } from "@/lib/provider-keys/provider-catalog";
import { PROVIDERS, isProviderId, type ProviderId } from "@/lib/providers";
import { deriveChainState, type Block, type KeyForState } from "./chain-state";
import { setChainSchema, type ChainEntryInput } from "./schemas";

async function keysWithBlocks(userId: string): Promise<Map<string, KeyForState[]>> {
  const keys = await prisma.providerKey.findMany({ where: { userId }, select: { id: true, providerId: true, status: true, models: true } });
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
  return byProvider;
}

/** The owner's fallback chain in order, with free-tier limits and each entry's live state. */
export async function getChain(userId: string) {
  const [entries, keys] = await Promise.all([
    prisma.fallbackEntry.findMany({ where: { userId }, orderBy: { position: "asc" } }),
    keysWithBlocks(userId),
  ]);
  return entries.map((entry) => {
    const provider = isProviderId(entry.providerId) ? PROVIDERS[entry.providerId] : null;
    const providerKeys = keys.get(entry.providerId) ?? [];
    return {
      id: entry.id,
      providerId: entry.providerId,
      providerName: provider?.name ?? entry.providerId,
      position: entry.position,
      pinnedModel: entry.pinnedModel,
      enabled: entry.enabled,
      limits: provider ? limitsView(provider, entry.pinnedModel) : null,
      keyCount: providerKeys.length,
      state: deriveChainState(providerKeys, entry.pinnedModel),
    };
  });
}

export type ChainEntryView = Awaited<ReturnType<typeof getChain>>[number];

/** A pinned model must be one the catalog or one of the owner's keys for that provider knows. */
async function assertPinnedModels(userId: string, entries: { providerId: string; pinnedModel: string | null }[]) {
  const keys = await prisma.providerKey.findMany({ where: { userId }, select: { providerId: true, models: true } });
  entries.forEach((entry, index) => {
    if (!entry.pinnedModel) return;
    const catalog = PROVIDERS[entry.providerId as ProviderId].models.map((m) => m.id);
    const listed = keys.filter((k) => k.providerId === entry.providerId).flatMap((k) => (Array.isArray(k.models) ? (k.models as string[]) : []));
    if (!catalog.includes(entry.pinnedModel) && !listed.includes(entry.pinnedModel)) {
      throw new AppError("invalid_request", `${entry.pinnedModel} is not a known model of ${entry.providerId}`, `entries.${index}.pinnedModel`);
    }
  });
}

/** Replaces the whole order in one transaction, so a reorder is never half-saved. */
export async function setChain(userId: string, entries: ChainEntryInput[]) {
  const data = setChainSchema.parse({ entries });
  await assertPinnedModels(userId, data.entries);
  await prisma.$transaction([
    prisma.fallbackEntry.deleteMany({ where: { userId } }),
    prisma.fallbackEntry.createMany({
      data: data.entries.map((entry, position) => ({ userId, position, providerId: entry.providerId, pinnedModel: entry.pinnedModel, enabled: entry.enabled })),
    }),
  ]);
  forgetUserRouting(userId);
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
  return setChain(userId, specs.map(parseChainSpec));
}
