import { getRedisConnection } from "@/lib/redis/redis-connection";
import { withTimeout } from "@/lib/redis/with-timeout";
import { getUsageWriteHealth, type UsageWriteHealth } from "@/lib/usage/usage-write-health";
import { pingDatabase } from "./get-health";
import { getMigrationStatus, type MigrationStatus } from "./migration-status";

export interface Readiness {
  status: "ready" | "not_ready";
  checks: {
    database: { status: "ok" | "down" };
    /** "disabled": no Redis configured (embedded mode), which is fine. */
    redis: { status: "ok" | "down" | "disabled"; error?: string };
    migrations: MigrationStatus;
    usageWrites: UsageWriteHealth;
  };
}

const REDIS_PING_MIN_MS = 1_000;

async function checkRedis(): Promise<Readiness["checks"]["redis"]> {
  const connection = getRedisConnection();
  if (!connection) return { status: "disabled" };
  try {
    await withTimeout(connection.redis.ping(), Math.max(connection.timeoutMs, REDIS_PING_MIN_MS));
    return { status: "ok" };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.name : "Error" };
  }
}

/**
 * Whether this instance should get traffic: the database answers, Redis answers when one is
 * configured, every migration this build ships is applied, and the last usage write succeeded.
 * Every check is live (a fresh query and PING), unlike /api/health's Redis state.
 */
export async function getReadiness(): Promise<Readiness> {
  const [databaseUp, redis] = await Promise.all([pingDatabase(), checkRedis()]);
  const migrations: MigrationStatus = databaseUp
    ? await getMigrationStatus()
    : { status: "unknown", applied: 0, expected: 0, pending: [], detail: "the database is down" };
  const usageWrites = getUsageWriteHealth();
  const ready = databaseUp && redis.status !== "down" && migrations.status === "ok" && usageWrites.status === "ok";
  return { status: ready ? "ready" : "not_ready", checks: { database: { status: databaseUp ? "ok" : "down" }, redis, migrations, usageWrites } };
}
