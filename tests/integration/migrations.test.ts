import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";
import { SCHEMA_PATH, applyMigrations, diffSchemaAgainstMigrations } from "@/lib/db/schema-engine";
import { prisma } from "@/lib/db";

describe("migrations", () => {
  it("agree with prisma/schema.prisma", async () => {
    const shadow = await startEmbeddedDatabase({ dataDir: null });
    try {
      expect(await diffSchemaAgainstMigrations(shadow.url)).toBe("");
    } finally {
      await shadow.stop();
    }
  });

  it("detect a schema change that has no migration", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace("model User {", "model User {\n  nickname String?");
    const shadow = await startEmbeddedDatabase({ dataDir: null });
    try {
      expect(await diffSchemaAgainstMigrations(shadow.url, changed)).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/);
    } finally {
      await shadow.stop();
    }
  });

  it("are all applied to the test database and applying again is a no-op", async () => {
    expect(await applyMigrations(inject("databaseUrl"))).toEqual([]);
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(rows.length).toBeGreaterThan(0);
  });
});
