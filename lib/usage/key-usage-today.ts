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
export async function loadKeyUsageToday(now = Date.now()): Promise<KeyUsageToday[]> {
  const day = new Date(Math.floor(now / 86_400_000) * 86_400_000);
  const rows = await prisma.usageDaily.groupBy({
    by: ["apiKeyId"],
    where: { day, apiKeyId: { not: "" } },
    _sum: { requests: true, promptTokens: true, completionTokens: true },
  });
  return rows.map((row) => ({
    apiKeyId: row.apiKeyId,
    requests: row._sum.requests ?? 0,
    tokens: (row._sum.promptTokens ?? 0) + (row._sum.completionTokens ?? 0),
  }));
}
