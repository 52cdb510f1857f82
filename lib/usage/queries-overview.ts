import { prisma } from "@/lib/db";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { utcDayRange } from "./queries";

/** What the request log records for a request its caller stopped (lib/usage/recorder). */
const ABORTED_STATUS = 499;

export type AttentionKind = "invalid_key" | "cooling_down" | "benched" | "circuit_open";

const KIND_FOR_REASON: Record<string, AttentionKind> = { rate_limited: "cooling_down", circuit_open: "circuit_open" };

/** Keys the owner should look at: invalid ones, and targets the router is keeping out of rotation. */
async function keysNeedingAttention(userId: string) {
  const keys = await prisma.providerKey.findMany({
    where: { userId, status: { in: ["active", "invalid"] } },
    select: { id: true, providerId: true, label: true, lastFour: true, status: true, statusReason: true },
    orderBy: { createdAt: "asc" },
  });
  const state = getRoutingState();
  const lists = await Promise.all(
    keys.map(async (key) => {
      const base = { providerId: key.providerId, keyId: key.id, label: key.label, lastFour: key.lastFour };
      if (key.status === "invalid") return [{ kind: "invalid_key" as const, ...base, model: null, until: null, reason: key.statusReason }];
      const blocked = await state.listBlocked(`${key.id}:`);
      return blocked.map((b) => {
        const model = b.target.slice(key.id.length + 1);
        return {
          kind: KIND_FOR_REASON[b.reason] ?? "benched",
          ...base,
          model: model === "*" ? null : model,
          until: new Date(b.until).toISOString(),
          reason: b.reason as string,
        };
      });
    }),
  );
  return lists.flat();
}

/** The dashboard's first screen: today's numbers, what needs attention, and onboarding counts. */
export async function getOverview(userId: string) {
  const { today } = utcDayRange(1);
  const [usage, stopped, attention, providerKeys, chainEntries, apiKeys] = await Promise.all([
    prisma.usageDaily.findMany({ where: { userId, day: today } }),
    prisma.requestLog.count({ where: { userId, createdAt: { gte: today }, status: ABORTED_STATUS } }),
    keysNeedingAttention(userId),
    prisma.providerKey.count({ where: { userId } }),
    prisma.fallbackEntry.count({ where: { userId } }),
    prisma.apiKey.count({ where: { userId, revokedAt: null } }),
  ]);
  const totals = { requests: 0, promptTokens: 0, completionTokens: 0, errors: 0, cached: 0 };
  const perProvider = new Map<string, { providerId: string; requests: number; tokens: number }>();
  for (const row of usage) {
    totals.requests += row.requests;
    totals.promptTokens += row.promptTokens;
    totals.completionTokens += row.completionTokens;
    totals.errors += row.errors;
    totals.cached += row.cachedRequests;
    const entry = perProvider.get(row.providerId) ?? { providerId: row.providerId, requests: 0, tokens: 0 };
    entry.requests += row.requests;
    entry.tokens += row.promptTokens + row.completionTokens;
    perProvider.set(row.providerId, entry);
  }
  return {
    today: { ...totals, stopped },
    providersToday: [...perProvider.values()].filter((p) => p.requests > 0).sort((a, b) => b.requests - a.requests),
    attention,
    counts: { providerKeys, chainEntries, apiKeys },
  };
}

export type OverviewView = Awaited<ReturnType<typeof getOverview>>;
