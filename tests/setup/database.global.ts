/**
 * One database per test project: an in-memory embedded PostgreSQL (PGlite), or a fresh
 * database on the server named by TEST_DATABASE_URL, dropped afterwards. Migrations are
 * applied the way `npm start` applies them.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import pg from "pg";
import type { TestProject } from "vitest/node";
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
    // Its own process (see the script): closing PGlite here would reset the runner's exit code.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/embedded-database-process.ts"], { stdio: ["pipe", "pipe", "inherit"] });
    const [line] = await Promise.race([
      (async () => {
        for await (const text of createInterface({ input: child.stdout! })) return [text];
        throw new Error("The embedded test database exited before it was ready");
      })(),
      new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`The embedded test database exited with ${code}`)))),
    ]);
    child.stdout!.resume();
    project.provide("databaseUrl", (JSON.parse(line) as { url: string }).url);
    return async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    };
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
