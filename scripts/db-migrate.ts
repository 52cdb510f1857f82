// Applies pending migrations to DATABASE_URL, or to the embedded database. Hosted builds run it
// before `next build` (vercel.json). A pooled URL (Neon, PgBouncer) cannot hold the migration
// lock for a session, so DATABASE_URL_UNPOOLED, when set (Neon's integration sets it), wins.
import { withDatabaseUrl } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/schema-engine";

if (process.env.DATABASE_URL_UNPOOLED) process.env.DATABASE_URL = process.env.DATABASE_URL_UNPOOLED;

await withDatabaseUrl(async (url, embedded) => {
  const applied = await applyMigrations(url);
  const where = embedded ? "the embedded database" : "DATABASE_URL";
  console.log(applied.length ? `Applied to ${where}: ${applied.join(", ")}` : `${where}: no pending migrations.`);
});
