import { prisma } from "@/lib/db";

/** Deletes request logs older than the retention window; returns how many went. */
export async function pruneRequestLogs(retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const { count } = await prisma.requestLog.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
