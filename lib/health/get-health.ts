import { prisma } from "@/lib/db";
import { getRedisHealth } from "@/lib/redis";
import { getUsageWriteHealth, type UsageWriteHealth } from "@/lib/usage/usage-write-health";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: "ok" | "down";
  redis: "ok" | "degraded" | "disabled";
  /** Usage and request-log writes: "failing" until one succeeds after a failure. */
  usage: UsageWriteHealth;
  version: string;
}

const DATABASE_TIMEOUT_MS = 2_000;

export async function pingDatabase(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, DATABASE_TIMEOUT_MS, false).unref());
  const ping = prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  return Promise.race([ping, timeout]);
}

/** Redis trouble degrades the service but never takes it down: limits fall back in process. */
export async function getHealth(): Promise<Health> {
  const database = (await pingDatabase()) ? "ok" : "down";
  const redis = getRedisHealth();
  const usage = getUsageWriteHealth();
  const status = database === "down" ? "down" : redis === "degraded" || usage.status === "failing" ? "degraded" : "ok";
  return { status, database, redis, usage, version: packageJson.version };
}
