import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SessionQueue } from "@/lib/db/session-queue";
import { keepWalCheckpointed } from "@/lib/db/wal-checkpoints";
import { eventually } from "@/tests/support/eventually";

const MB = 1024 * 1024;
const PENDING = "SELECT (pg_current_wal_insert_lsn() - redo_lsn)::bigint AS pending FROM pg_control_checkpoint()";
const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "freellmapi-wal-"));
  folders.push(dir);
  return dir;
}

async function sizeMb(dir: string): Promise<number> {
  const files = await readdir(dir);
  const sizes = await Promise.all(files.map((file) => stat(path.join(dir, file)).then((s) => (s.isFile() ? s.size : 0))));
  return sizes.reduce((a, b) => a + b, 0) / MB;
}

/** The embedded server of `lib/db/embedded-server.ts`, in a child process (see embedded-database-process.ts). */
async function startInChild(dataDir: string): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-database-process.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  for await (const line of createInterface({ input: child.stdout! })) return line;
  throw new Error("The embedded database process exited before it served");
}

// The database suites run once per target; this one is about the embedded server only.
describe.runIf(inject("databaseTarget") === "embedded")("the embedded database's WAL", () => {
  it("is checkpointed as it grows: 800 MB of writes go through (PGlite alone hangs after about 540 MB)", { timeout: 180_000 }, async () => {
    const root = await folder();
    const dataDir = path.join(root, "pglite");
    // query_timeout: a hung server fails the test instead of hanging it.
    const client = new pg.Client({ connectionString: await startInChild(dataDir), query_timeout: 60_000 });
    await client.connect();
    try {
      await client.query("CREATE TABLE log (id bigserial PRIMARY KEY, body text)");
      let written = 0;
      let largestWalMb = 0;
      // About 46 MB of WAL a round; TRUNCATE keeps the table itself small.
      for (let round = 0; round < 20; round++) {
        const before = (await client.query("SELECT pg_current_wal_insert_lsn() AS lsn")).rows[0].lsn;
        await client.query("INSERT INTO log (body) SELECT repeat('x', 1000) || g FROM generate_series(1, 40000) g");
        await client.query("TRUNCATE log");
        written += Number((await client.query("SELECT (pg_current_wal_insert_lsn() - $1::pg_lsn)::bigint AS n", [before])).rows[0].n);
        largestWalMb = Math.max(largestWalMb, await sizeMb(path.join(dataDir, "pg_wal")));
      }
      expect(written).toBeGreaterThan(800 * MB);
      // The checkpoints happened: old segments were recycled, and what is pending stays small.
      expect(largestWalMb).toBeLessThan(400);
      const left = await eventually(
        async () => Number((await client.query(PENDING)).rows[0].pending),
        (n) => n < 64 * MB,
      );
      expect(left).toBeLessThan(64 * MB);
    } finally {
      await client.end();
    }
  });

  it("checks between exchanges and checkpoints only past the threshold", async () => {
    const db = await PGlite.create();
    const queue = new SessionQueue(db);
    const checkpoints = keepWalCheckpointed(db, queue, { everyMs: 50, pendingBytes: 4 * MB });
    const pending = async () => Number((await db.query<{ pending: string }>(PENDING)).rows[0].pending);
    try {
      await db.exec("CREATE TABLE t (body text)");
      await db.exec("CHECKPOINT");
      // Under the threshold: left alone.
      await db.exec("INSERT INTO t SELECT repeat('x', 1000) FROM generate_series(1, 1000)");
      const small = await pending();
      expect(small).toBeGreaterThan(MB);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await pending()).toBeGreaterThanOrEqual(small);
      // Past it: checkpointed within a few checks.
      await db.exec("INSERT INTO t SELECT repeat('x', 1000) FROM generate_series(1, 8000)");
      expect(await pending()).toBeGreaterThan(4 * MB);
      expect(await eventually(pending, (n) => n < MB, 2_000)).toBeLessThan(MB);
    } finally {
      await checkpoints.stop();
      await db.close();
    }
  });
});
