import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma, type Db } from "@/lib/db";

/** The migrations this build ships (`prisma/migrations/<name>/`), as `prisma migrate deploy` names them. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface MigrationStatus {
  status: "ok" | "pending" | "unknown";
  applied: number;
  expected: number;
  /** Shipped with this build, not (successfully) applied to the database. */
  pending: string[];
  detail?: string;
}

async function shippedMigrations(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Whether every shipped migration is recorded as applied in `_prisma_migrations`. */
export async function getMigrationStatus(db: Pick<Db, "$queryRaw"> = prisma): Promise<MigrationStatus> {
  let expected: string[];
  try {
    expected = await shippedMigrations();
  } catch {
    return { status: "unknown", applied: 0, expected: 0, pending: [], detail: "prisma/migrations is not readable next to the app" };
  }
  let rows: Array<{ migration_name: string }>;
  try {
    rows = await db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch {
    return { status: "unknown", applied: 0, expected: expected.length, pending: expected, detail: "the migrations table could not be read" };
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name));
  return { status: pending.length === 0 ? "ok" : "pending", applied: applied.size, expected: expected.length, pending };
}
