import { prisma } from "@/lib/db";
import { getRedisHealth } from "@/lib/redis";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: "ok" | "down";
  redis: "ok" | "degraded" | "disabled";
  version: string;
}

const DATABASE_TIMEOUT_MS = 2_000;

async function pingDatabase(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, DATABASE_TIMEOUT_MS, false).unref());
  const ping = prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
  return Promise.race([ping, timeout]);
}

/** Redis trouble degrades the service but never takes it down: limits fall back in process. */
export async function getHealth(): Promise<Health> {
  const database = (await pingDatabase()) ? "ok" : "down";
  const redis = getRedisHealth();
  const status = database === "down" ? "down" : redis === "degraded" ? "degraded" : "ok";
  return { status, database, redis, version: packageJson.version };
}
