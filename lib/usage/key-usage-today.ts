import { prisma } from "@/lib/db";

export interface KeyUsageToday {
  apiKeyId: string;
  requests: number;
  tokens: number;
}

/**
 * Requests and tokens of each unified key so far this UTC day, from the usage table: what the
 * in-process limiter counted before a restart (everything but requests it refused, as it does).
 */
export function loadKeyUsageToday(now = Date.now()): Promise<KeyUsageToday[]> {
  return loadKeyUsageSince(new Date(Math.floor(now / 86_400_000) * 86_400_000));
}

/** The same for the calendar month (UTC) so far, for the monthly caps and the keys page. */
export function loadKeyUsageThisMonth(now = Date.now(), apiKeyIds?: string[]): Promise<KeyUsageToday[]> {
  const date = new Date(now);
  return loadKeyUsageSince(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)), apiKeyIds);
}

async function loadKeyUsageSince(from: Date, apiKeyIds?: string[]): Promise<KeyUsageToday[]> {
  const rows = await prisma.usageDaily.groupBy({
    by: ["apiKeyId"],
    where: { day: { gte: from }, apiKeyId: apiKeyIds ? { in: apiKeyIds } : { not: "" } },
    _sum: { requests: true, promptTokens: true, completionTokens: true },
  });
  return rows.map((row) => ({
    apiKeyId: row.apiKeyId,
    requests: row._sum.requests ?? 0,
    tokens: (row._sum.promptTokens ?? 0) + (row._sum.completionTokens ?? 0),
  }));
}
