import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getMigrationStatus, MIGRATIONS_DIR, type MigrationStatus } from "@/lib/health/migration-status";

const shipped = async () =>
  (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Runs `change` in a transaction that is always rolled back, and reads the status inside it. */
async function statusAfter(change: (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) => Promise<unknown>): Promise<MigrationStatus> {
  let status: MigrationStatus | undefined;
  const rollback = new Error("rollback");
  await prisma
    .$transaction(async (tx) => {
      await change(tx);
      status = await getMigrationStatus(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return status!;
}

describe("migration status (readiness)", () => {
  it("is ok when every shipped migration is applied", async () => {
    const names = await shipped();
    expect(await getMigrationStatus()).toEqual({ status: "ok", applied: names.length, expected: names.length, pending: [] });
  });

  it("names a shipped migration the database has not applied", async () => {
    const last = (await shipped()).at(-1)!;
    const status = await statusAfter((tx) => tx.$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = ${last}`);
    expect(status).toMatchObject({ status: "pending", pending: [last] });
    expect((await getMigrationStatus()).status).toBe("ok");
  });

  it("counts a migration that started but never finished, or was rolled back, as pending", async () => {
    const [first, second] = await shipped();
    const status = await statusAfter(async (tx) => {
      await tx.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${first}`;
      await tx.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ${second}`;
    });
    expect(status).toMatchObject({ status: "pending", pending: [first, second] });
  });
});
