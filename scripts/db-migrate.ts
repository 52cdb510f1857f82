// Applies pending migrations to DATABASE_URL, or to the embedded database.
import { withDatabaseUrl } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/schema-engine";

await withDatabaseUrl(async (url, embedded) => {
  const applied = await applyMigrations(url);
  const where = embedded ? "the embedded database" : "DATABASE_URL";
  console.log(applied.length ? `Applied to ${where}: ${applied.join(", ")}` : `${where}: no pending migrations.`);
});
