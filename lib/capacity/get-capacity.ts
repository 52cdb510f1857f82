import { prisma } from "@/lib/db";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { findModelSpec, isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import type { ProviderDefinition, ProviderId } from "@/lib/providers/types";
import { keyTargetOf, targetOf } from "@/lib/router/candidate";
import { limitReachedUntil } from "@/lib/router/limit-check";
import type { Target, TargetSnapshot } from "@/lib/routing-state/state";
import { usageWindows } from "@/lib/router/usage-windows";
import { capacityWindows, longWindowReset, runsOutAt, windowStart, type CapacityWindow } from "./capacity-windows";
import { getCapacityHistory } from "./capacity-history";

const DAY_MS = 86_400_000;
/** Enough of a provider's best models to show who takes over; the rest never carry "auto" in practice. */
const MODELS_PER_PROVIDER = 4;

interface KeyRow {
  id: string;
  providerId: string;
  label: string | null;
  lastFour: string;
  models: unknown;
}

/** The models "auto" walks for a key, best first (the router's order: pinned, else catalog rank). */
function modelsInPlay(provider: ProviderDefinition, pinned: string | null, key: KeyRow): string[] {
  if (pinned) return [pinned];
  const listed = Array.isArray(key.models) ? (key.models as string[]) : null;
  const catalog = [...provider.models].sort((a, b) => b.rank - a.rank).map((m) => m.id);
  const models = catalog.length ? catalog.filter((id) => !listed || listed.includes(id)) : (listed ?? []);
  return models.slice(0, MODELS_PER_PROVIDER);
}

type Usage = TargetSnapshot["usage"];
const sumUsage = (rows: (Usage | undefined)[]): Usage =>
  rows.reduce<Usage>(
    (a, u) => ({
      minuteRequests: a.minuteRequests + (u?.minuteRequests ?? 0),
      minuteTokens: a.minuteTokens + (u?.minuteTokens ?? 0),
      dayRequests: a.dayRequests + (u?.dayRequests ?? 0),
      dayTokens: a.dayTokens + (u?.dayTokens ?? 0),
    }),
    { minuteRequests: 0, minuteTokens: 0, dayRequests: 0, dayTokens: 0 },
  );

/** When a target is out of rotation right now (router block, open breaker or our own count), else null. */
function unavailableUntil(snap: TargetSnapshot | undefined, now: number): { until: number; reason: string } | null {
  if (!snap) return null;
  if (snap.blockedUntil && snap.blockedUntil > now) return { until: snap.blockedUntil, reason: snap.reason ?? "benched" };
  if (snap.breaker.state === "open" && snap.breaker.retryAt && snap.breaker.retryAt > now) return { until: snap.breaker.retryAt, reason: "circuit_open" };
  return null;
}

export type TargetStateName = "ready" | "cooling_down" | "benched" | "circuit_open" | "half_open";

/** Where the router stands on one target now: `until` for a cooldown, bench or open breaker, `reason` for a bench. */
export function targetState(snap: TargetSnapshot | undefined, now: number): { state: TargetStateName; until: string | null; reason: string | null } {
  if (snap?.blockedUntil && snap.blockedUntil > now) {
    return {
      state: snap.reason === "rate_limited" ? "cooling_down" : "benched",
      until: new Date(snap.blockedUntil).toISOString(),
      reason: snap.reason ?? "benched",
    };
  }
  const breaker = snap?.breaker;
  if (breaker?.state === "open" && breaker.retryAt && breaker.retryAt > now)
    return { state: "circuit_open", until: new Date(breaker.retryAt).toISOString(), reason: "circuit_open" };
  // An open breaker past its retry time lets the next request through as the probe.
  if (breaker && breaker.state !== "closed") return { state: "half_open", until: null, reason: "circuit_open" };
  return { state: "ready", until: null, reason: null };
}

/**
 * "How much free LLM do I have left today?": each chain provider's keys and models against their
 * free-tier windows (the router's own counts), when each window resets, a forecast at today's
 * pace, which models carry "auto" now and which take over, pooled totals and daily history.
 */
export async function getCapacity(userId: string, now = Date.now()) {
  const today = new Date(Math.floor(now / DAY_MS) * DAY_MS);
  const d = new Date(now);
  const monthStart = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const [entries, keys, monthRows, history] = await Promise.all([
    prisma.fallbackEntry.findMany({ where: { userId }, orderBy: { position: "asc" } }),
    prisma.providerKey.findMany({
      where: { userId, status: "active" },
      select: { id: true, providerId: true, label: true, lastFour: true, models: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.usageDaily.groupBy({
      by: ["providerId", "day"],
      where: { userId, day: { gte: monthStart } },
      _sum: { requests: true, promptTokens: true, completionTokens: true, errors: true },
    }),
    getCapacityHistory(userId, 14, now),
  ]);

  const chain = entries
    .filter((e) => isProviderId(e.providerId) && !PROVIDERS[e.providerId].userEndpoint)
    .map((e) => ({ ...e, provider: PROVIDERS[e.providerId as ProviderId] }));
  const plan = chain.flatMap((entry) =>
    keys.filter((k) => k.providerId === entry.providerId).map((key) => ({ entry, key, models: modelsInPlay(entry.provider, entry.pinnedModel, key) })),
  );
  const windowOf = new Map<Target, ProviderDefinition>();
  for (const { entry, key, models } of plan) {
    windowOf.set(keyTargetOf(key.id), entry.provider);
    for (const model of models) windowOf.set(targetOf(key.id, model), entry.provider);
  }
  const snapshot = windowOf.size
    ? await getRoutingState().snapshot([...windowOf.keys()], (t) => usageWindows(windowOf.get(t)!.limits.window, now))
    : new Map<Target, TargetSnapshot>();

  const counted = (providerId: string, from: Date) => {
    const rows = monthRows.filter((r) => r.providerId === providerId && r.day >= from);
    const sum = (f: "requests" | "promptTokens" | "completionTokens" | "errors") => rows.reduce((s, r) => s + (r._sum[f] ?? 0), 0);
    return { requests: sum("requests"), promptTokens: sum("promptTokens"), completionTokens: sum("completionTokens"), errors: sum("errors") };
  };

  const carriers: {
    providerId: string;
    model: string;
    keyCount: number;
    dayRequests: { used: number; limit: number } | null;
    unavailableUntil: string | null;
    reason: string | null;
    runsOutAt: string | null;
    resetsAt: string;
  }[] = [];
  const pooled = { requests: { used: 0, limit: 0 }, tokens: { used: 0, limit: 0 }, unlimitedProviders: [] as string[] };

  const providers = chain.map((entry) => {
    const { provider } = entry;
    const window = provider.limits.window;
    const startedAt = windowStart(window, now);
    const resetsAt = longWindowReset(window, now);
    const mine = plan.filter((p) => p.entry.id === entry.id);
    let dayLimit = 0;
    let dayUsed = 0;
    const keyViews = mine.map(({ key, models }) => {
      const keySnap = snapshot.get(keyTargetOf(key.id));
      const keyWindows = capacityWindows(provider.limits, keySnap?.usage, window, now);
      const modelViews = models.map((model) => {
        const spec = findModelSpec(provider.id, model);
        const snap = snapshot.get(targetOf(key.id, model));
        return {
          model,
          windows: capacityWindows(spec?.limits, snap?.usage, window, now),
          unavailable: unavailableUntil(snap, now),
          limits: spec?.limits,
          usage: snap?.usage,
          state: targetState(snap, now),
        };
      });
      // Model-scoped providers count per model; the rest once per key.
      const perModel = modelViews.some((m) => m.limits?.rpd);
      if (perModel) {
        for (const m of modelViews) {
          dayLimit += m.limits?.rpd?.value ?? 0;
          dayUsed += m.usage?.dayRequests ?? 0;
        }
      } else if (provider.limits.rpd) {
        dayLimit += provider.limits.rpd.value;
        dayUsed += keySnap?.usage.dayRequests ?? 0;
      }
      const tokenLimit = perModel ? modelViews.reduce((s, m) => s + (m.limits?.tpd?.value ?? 0), 0) : (provider.limits.tpd?.value ?? 0);
      pooled.tokens.limit += tokenLimit;
      pooled.tokens.used += tokenLimit ? (perModel ? sumUsage(modelViews.map((m) => m.usage)).dayTokens : (keySnap?.usage.dayTokens ?? 0)) : 0;
      return {
        keyId: key.id,
        label: key.label,
        lastFour: key.lastFour,
        windows: keyWindows,
        unavailableUntil: unavailableUntil(keySnap, now) && new Date(unavailableUntil(keySnap, now)!.until).toISOString(),
        state: targetState(keySnap, now),
        models: modelViews.map((m) => ({
          model: m.model,
          windows: m.windows,
          unavailableUntil: m.unavailable && new Date(m.unavailable.until).toISOString(),
          reason: m.unavailable?.reason ?? null,
          state: m.state,
        })),
      };
    });
    if (dayLimit) {
      pooled.requests.limit += dayLimit;
      pooled.requests.used += dayUsed;
    } else if (mine.length) pooled.unlimitedProviders.push(provider.id);

    // One carrier per model, over every key of the provider, in the router's order.
    const models = [...new Set(mine.flatMap((p) => p.models))];
    for (const model of models) {
      const spec = findModelSpec(provider.id, model);
      const holders = mine.filter((p) => p.models.includes(model));
      let used = 0;
      let limit = 0;
      let soonestBack: { until: number; reason: string } | null = null;
      let available = false;
      for (const { key } of holders) {
        const snap = snapshot.get(targetOf(key.id, model));
        const keySnap = snapshot.get(keyTargetOf(key.id));
        const rpd = spec?.limits?.rpd ?? provider.limits.rpd;
        const usage = spec?.limits?.rpd ? snap?.usage : keySnap?.usage;
        if (rpd) {
          limit += rpd.value;
          used += usage?.dayRequests ?? 0;
        }
        const blocked = unavailableUntil(keySnap, now) ?? unavailableUntil(snap, now);
        const spentUntil =
          (snap && limitReachedUntil(spec?.limits, snap.usage, window, 0, now)) ||
          (keySnap && limitReachedUntil(provider.limits, keySnap.usage, window, 0, now));
        const out = blocked ?? (spentUntil ? { until: spentUntil, reason: "limit_reached" } : null);
        if (!out) available = true;
        else if (!soonestBack || out.until < soonestBack.until) soonestBack = out;
      }
      carriers.push({
        providerId: provider.id,
        model,
        keyCount: holders.length,
        dayRequests: limit ? { used, limit } : null,
        unavailableUntil: available || !soonestBack ? null : new Date(soonestBack.until).toISOString(),
        reason: available ? null : (soonestBack?.reason ?? null),
        runsOutAt: available && limit ? runsOutAt(used, limit, startedAt, resetsAt, now) : null,
        resetsAt: new Date(resetsAt).toISOString(),
      });
    }

    return {
      providerId: provider.id,
      name: provider.name,
      enabled: entry.enabled,
      pinnedModel: entry.pinnedModel,
      window,
      resetsAt: new Date(resetsAt).toISOString(),
      note: provider.limits.note ?? null,
      today: counted(provider.id, today),
      month: counted(provider.id, monthStart),
      dayRequests: dayLimit ? { used: dayUsed, limit: dayLimit } : null,
      runsOutAt: dayLimit ? runsOutAt(dayUsed, dayLimit, startedAt, resetsAt, now) : null,
      keys: keyViews,
    };
  });

  // Which model answers "auto" now: the first enabled carrier that is not out of rotation.
  const enabled = new Set(chain.filter((e) => e.enabled).map((e) => e.providerId));
  const current = carriers.findIndex((c) => enabled.has(c.providerId) && !c.unavailableUntil);
  return {
    now: new Date(now).toISOString(),
    providers,
    pooled,
    carriers: carriers.map((c, index) => ({
      ...c,
      role: !enabled.has(c.providerId)
        ? ("disabled" as const)
        : c.unavailableUntil
          ? ("out" as const)
          : index === current
            ? ("carrying" as const)
            : ("standby" as const),
    })),
    days: history,
  };
}

export type Capacity = Awaited<ReturnType<typeof getCapacity>>;
export type { CapacityWindow };
