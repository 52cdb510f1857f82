import path from "node:path";
import nextEnv from "@next/env";
import { applyMigrations } from "@/lib/db/schema-engine";
import { DATA_DIR, startEmbeddedDatabase, findRunningEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded-server";
import { parseEnv } from "@/lib/env";
import { ensureLocalSecrets } from "./local-secrets";

export interface PreparedEnvironment {
  mode: "embedded" | "server";
  embedded: EmbeddedDatabase | null;
}

/**
 * Everything `npm start` does before Next.js runs: reads `.env`, picks the run mode, opens the
 * embedded database and generates local secrets when no DATABASE_URL is set, validates the
 * environment (throws EnvError naming every missing variable) and applies pending migrations.
 */
export async function prepareEnvironment(log: (line: string) => void, dev = false): Promise<PreparedEnvironment> {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
  let embedded: EmbeddedDatabase | null = null;

  if (!process.env.DATABASE_URL) {
    if (await findRunningEmbeddedDatabase()) {
      throw new Error("Another freellmapi process already serves the embedded database in .data/. Stop it first.");
    }
    await ensureLocalSecrets(DATA_DIR, process.env, log);
    embedded = await startEmbeddedDatabase();
    process.env.DATABASE_URL = embedded.url;
    process.env.FREELLMAPI_EMBEDDED_DB = "1";
    log(
      `Embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), DATA_DIR) || "."}/pglite, on the private socket ${path.relative(process.cwd(), embedded.address) || embedded.address}`,
    );
  }

  try {
    parseEnv(process.env);
    const applied = await applyMigrations(process.env.DATABASE_URL!);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date");
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { mode: embedded ? "embedded" : "server", embedded };
}
