// Writes the next migration from prisma/schema.prisma: `npm run db:diff -- <name>`.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";
import { MIGRATIONS_DIR, diffSchemaAgainstMigrations } from "@/lib/db/schema-engine";

const name = process.argv[2]?.trim().replace(/[^a-zA-Z0-9_]+/g, "_");
if (!name) {
  console.error("Usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}

// A throwaway in-memory database serves as the shadow database, so no server is needed.
const shadow = await startEmbeddedDatabase({ dataDir: null });
try {
  const sql = await diffSchemaAgainstMigrations(shadow.url);
  if (!sql) {
    console.log("schema.prisma and the migrations agree: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await shadow.stop();
}
