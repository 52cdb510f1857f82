import { getCapacity, type CapacityWindow } from "@/lib/capacity";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";

const DAY_MS = 86_400_000;

const windowView = (w: CapacityWindow) => ({ metric: w.metric, period: w.period, used: w.used, limit: w.limit, resets_at: w.resetsAt });
/** Never the secret: the owner's label and the last four characters. */
const maskedKey = (label: string | null, lastFour: string) => ({ label, last_four: lastFour, masked: `${label ? `${label} ` : ""}····${lastFour}` });

/** Today's share of the account's requests the response cache answered (UsageDaily, UTC day). */
async function cacheToday(userId: string, apiKeyId: string, now: number) {
  const day = new Date(Math.floor(now / DAY_MS) * DAY_MS);
  const [account, key] = await Promise.all([
    prisma.usageDaily.aggregate({ where: { userId, day }, _sum: { requests: true, cachedRequests: true } }),
    prisma.usageDaily.aggregate({ where: { userId, day, apiKeyId }, _sum: { requests: true, cachedRequests: true } }),
  ]);
  const rate = (sum: { requests: number | null; cachedRequests: number | null }) => {
    const requests = sum.requests ?? 0;
    const hits = sum.cachedRequests ?? 0;
    return { requests, hits, hit_rate: requests ? Math.round((hits / requests) * 10_000) / 10_000 : null };
  };
  return { account: rate(account._sum), key: rate(key._sum) };
}

/**
 * GET /v1/status for the calling key's account: the chain in order, each key and model with the
 * router's state and its counts against the free-tier windows (lib/capacity's figures), keys the
 * gateway will not use (invalid, disabled), and the response cache's hit rate today.
 */
export async function getGatewayStatus(apiKey: { userId: string; id: string; responseCache: boolean }, now = Date.now()) {
  const [capacity, unusable, cache] = await Promise.all([
    getCapacity(apiKey.userId, now),
    prisma.providerKey.findMany({
      where: { userId: apiKey.userId, status: { not: "active" } },
      select: { providerId: true, label: true, lastFour: true, status: true, statusReason: true },
      orderBy: { createdAt: "asc" },
    }),
    cacheToday(apiKey.userId, apiKey.id, now),
  ]);
  const ttl = getEnv().CACHE_TTL_SECONDS;
  return {
    object: "gateway.status",
    now: capacity.now,
    chain: capacity.providers.map((provider, position) => ({
      position,
      provider: provider.providerId,
      name: provider.name,
      enabled: provider.enabled,
      pinned_model: provider.pinnedModel,
      window: provider.window,
      resets_at: provider.resetsAt,
      today: {
        requests: provider.today.requests,
        prompt_tokens: provider.today.promptTokens,
        completion_tokens: provider.today.completionTokens,
        errors: provider.today.errors,
      },
      day_requests: provider.dayRequests,
      keys: [
        ...provider.keys.map((key) => ({
          key: maskedKey(key.label, key.lastFour),
          ...key.state,
          windows: key.windows.map(windowView),
          models: key.models.map((m) => ({ model: m.model, ...m.state, windows: m.windows.map(windowView) })),
        })),
        ...unusable
          .filter((key) => key.providerId === provider.providerId)
          .map((key) => ({
            key: maskedKey(key.label, key.lastFour),
            state: key.status === "invalid" ? "invalid" : "disabled",
            until: null,
            reason: key.statusReason,
            windows: [],
            models: [],
          })),
      ],
    })),
    pooled: capacity.pooled,
    carrying: capacity.carriers.find((c) => c.role === "carrying") ?? null,
    cache: { enabled: ttl > 0, ttl_seconds: ttl, key_enabled: apiKey.responseCache, today: cache.account, today_this_key: cache.key },
  };
}
