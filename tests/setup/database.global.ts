/**
 * One database per test project: an in-memory embedded PostgreSQL (PGlite), or a fresh
 * database on the server named by TEST_DATABASE_URL, dropped afterwards. Migrations are
 * applied the way `npm start` applies them.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";
import { applyMigrations } from "@/lib/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTarget: "embedded" | "postgres";
    databaseUrl: string;
  }
}

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const target = project.config.provide.databaseTarget;
  if (target === "embedded") {
    const db = await startEmbeddedDatabase({ dataDir: null });
    await applyMigrations(db.url);
    project.provide("databaseUrl", db.url);
    return () => db.stop();
  }

  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `freellmapi_test_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());
  return async () => {
    await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
