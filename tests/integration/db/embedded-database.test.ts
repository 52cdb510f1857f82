import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded-server";

// The embedded server itself, whatever the suite's database target: started here on its own folder.
let dataRoot: string;
let db: EmbeddedDatabase;

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), "freellmapi-embedded-"));
  db = await startEmbeddedDatabase({ dataDir: path.join(dataRoot, "pglite") });
});

afterAll(async () => {
  await db?.stop();
  await rm(dataRoot, { recursive: true, force: true });
});

const client = async () => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  return c;
};

describe("the embedded database", () => {
  it("listens only on a Unix socket only this user can open", async () => {
    expect(new URL(db.url).searchParams.get("host")).toBe(path.join(dataRoot, "run"));
    expect(db.address).toBe(path.join(dataRoot, "run", ".s.PGSQL.5432"));
    expect((await stat(db.address)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataRoot, "run"))).mode & 0o777).toBe(0o700);
  });

  it("resets session state between clients: another client's search_path or temp table changes nothing", async () => {
    const app = await client();
    const intruder = await client();
    try {
      await app.query('CREATE TABLE "Things" (id int)');
      await app.query('INSERT INTO "Things" VALUES (1), (2)');
      await intruder.query("SET search_path TO nowhere");
      await intruder.query('CREATE TEMP TABLE "Things" (id int)');
      const seen = await app.query('SELECT count(*)::int AS n FROM "Things"');
      expect(seen.rows[0].n).toBe(2);
      expect((await app.query("SHOW search_path")).rows[0].search_path).toBe("public");
    } finally {
      await Promise.all([app.end(), intruder.end()]);
    }
  });

  it("keeps a client's transaction and its parameterised queries whole while others interleave", async () => {
    const a = await client();
    const b = await client();
    try {
      await a.query("CREATE TABLE counters (id int primary key, n int)");
      await a.query("BEGIN");
      await a.query("INSERT INTO counters VALUES ($1, $2)", [1, 10]);
      const fromB = b.query("SELECT n FROM counters WHERE id = $1", [1]);
      await a.query("UPDATE counters SET n = $1 WHERE id = $2", [11, 1]);
      await a.query("COMMIT");
      expect((await fromB).rows[0]?.n).toBe(11);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).query("SELECT $1::int * 2 AS doubled, $2::text AS tag", [i, `t${i}`])),
      );
      answers.forEach((answer, i) => expect(answer.rows[0]).toEqual({ doubled: i * 2, tag: `t${i}` }));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
