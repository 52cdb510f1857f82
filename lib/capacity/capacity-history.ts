import { prisma } from "@/lib/db";

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export interface HistoryDay {
  day: string;
  requests: number;
  errors: number;
  stopped: number;
  promptTokens: number;
  completionTokens: number;
  /** Latency of answered requests, ms; null on days without any. */
  p50: number | null;
  p95: number | null;
}

/** Per UTC day: requests, errors and tokens from UsageDaily; latency percentiles and stops from the request log. */
export async function getCapacityHistory(userId: string, days: number, now = Date.now()): Promise<HistoryDay[]> {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const start = new Date(today - (days - 1) * DAY_MS);
  const [usage, latency] = await Promise.all([
    prisma.usageDaily.groupBy({
      by: ["day"],
      where: { userId, day: { gte: start } },
      _sum: { requests: true, errors: true, promptTokens: true, completionTokens: true },
    }),
    prisma.$queryRaw<{ day: string; p50: number | null; p95: number | null; stopped: bigint }[]>`
      SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") FILTER (WHERE "status" < 400) AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") FILTER (WHERE "status" < 400) AS p95,
        count(*) FILTER (WHERE "status" = 499) AS stopped
      FROM "RequestLog" WHERE "userId" = ${userId} AND "createdAt" >= ${start}
      GROUP BY 1`,
  ]);
  const byDay = new Map(usage.map((u) => [isoDay(u.day), u._sum]));
  const lat = new Map(latency.map((l) => [l.day, l]));
  return Array.from({ length: days }, (_, i) => {
    const day = isoDay(new Date(start.getTime() + i * DAY_MS));
    const u = byDay.get(day);
    const l = lat.get(day);
    return {
      day,
      requests: u?.requests ?? 0,
      errors: u?.errors ?? 0,
      stopped: Number(l?.stopped ?? 0),
      promptTokens: u?.promptTokens ?? 0,
      completionTokens: u?.completionTokens ?? 0,
      p50: l?.p50 == null ? null : Math.round(Number(l.p50)),
      p95: l?.p95 == null ? null : Math.round(Number(l.p95)),
    };
  });
}
