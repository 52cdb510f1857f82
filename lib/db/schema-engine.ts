import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

/**
 * Prisma's own schema engine compiled to WebAssembly: the same migrations and the same
 * `_prisma_migrations` table as `prisma migrate deploy`, with no native binary to download.
 */
const ROOT = process.cwd();
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const NO_FILTER = { externalTables: [], externalEnums: [] };

type Bindings = typeof import("@prisma/schema-engine-wasm");

// The glue module is shared by every importer in the process (test runners load this file once
// per project), and it holds one WebAssembly instance: so the instance and the queue that
// serializes engines on it live on globalThis, not in this module.
const shared = globalThis as unknown as { [key: symbol]: { bindings?: Promise<Bindings>; queue: Promise<unknown> } | undefined };
const SLOT = Symbol.for("freellmapi.schema-engine");
const state = (shared[SLOT] ??= { queue: Promise.resolve() });

// Node 20 cannot import a .wasm module without a flag, so the bindings are wired by hand.
function loadBindings(): Promise<Bindings> {
  state.bindings ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(gluePath)) as Bindings & { __wbg_set_wasm(exports: WebAssembly.Exports): void };
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as never });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return state.bindings;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's catalog queries return columns of PostgreSQL's one-byte `"char"` type, which
 * the driver adapter does not map; they carry single letters, so they are read as text.
 */
function readCharAsText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
}

class CatalogClient extends pg.Client {
  // @ts-expect-error pg's overloads cannot be restated here; the pool calls the callback form.
  override query(...args: unknown[]) {
    const last = args.at(-1);
    const query = super.query as (...a: unknown[]) => unknown;
    if (typeof last !== "function") {
      return (query.apply(this, args) as Promise<pg.QueryResult>).then((result) => (readCharAsText(result), result));
    }
    const callback = last as (error: Error | null, result?: pg.QueryResult) => void;
    return query.apply(this, [...args.slice(0, -1), (error: Error | null, result?: pg.QueryResult) => (readCharAsText(result), callback(error, result))]);
  }
}

// The engine reports a Rust panic through this global before throwing; without it the panic
// itself crashes the process. Keep the message so the thrown error can say what happened.
const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
panics.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`[freellmapi] schema engine panic: ${message}`) };

export function withSchemaEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const next = state.queue.then(() => runEngine(databaseUrl, run));
  state.queue = next.catch(() => {});
  return next;
}

async function runEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl, Client: CatalogClient as unknown as typeof pg.Client }));
  const datamodel = await readFile(SCHEMA_PATH, "utf8");
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, datamodel]] }, () => {}, adapter);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

export async function readMigrations(): Promise<MigrationList> {
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/** Applies pending migrations; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

/** SQL that takes a database built from the migrations to what schema.prisma describes ("" when none). */
export async function diffSchemaAgainstMigrations(databaseUrl: string, datamodel?: string): Promise<string> {
  const migrations = await readMigrations();
  datamodel ??= await readFile(SCHEMA_PATH, "utf8");
  return withSchemaEngine(databaseUrl, async (engine) => {
    const from = migrations.migrationDirectories.length > 0 ? { tag: "migrations" as const, ...migrations } : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = result.stdout ?? "";
    return /^\s*(--.*\s*)*$/.test(sql) ? "" : sql;
  });
}
