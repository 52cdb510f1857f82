import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded PostgreSQL: PGlite (file-backed) behind a loopback socket that speaks the
 * normal wire protocol, so the app, migrations and the admin CLI connect as to any server.
 * PGlite allows one process per data folder; the owner records its port in a lock file so
 * other processes (the CLI while the app runs) connect to it instead of opening the folder.
 */
export const DATA_DIR = path.resolve(process.env.FREELLMAPI_DATA_DIR ?? ".data");
const LOCK_FILE = path.join(DATA_DIR, "embedded-db.json");
// FREELLMAPI_DATA_DIR moves the data folder (tests run isolated copies of the app).

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
}

export function urlForPort(port: number): string {
  // sslmode=disable: the loopback socket does not speak TLS.
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The URL of an embedded database another live process already serves, if any. */
export async function findRunningEmbeddedDatabase(dataDir = DATA_DIR): Promise<string | null> {
  const lockFile = path.join(dataDir, "embedded-db.json");
  const lock = await readFile(lockFile, "utf8").then((text) => JSON.parse(text) as LockInfo, () => null);
  if (!lock || lock.pid === process.pid || !isAlive(lock.pid)) return null;
  return urlForPort(lock.port);
}

/**
 * Opens PGlite and serves it on a loopback port. `dataDir: null` keeps it in memory (tests).
 */
export async function startEmbeddedDatabase(options: { dataDir?: string | null; port?: number } = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir === undefined ? path.join(DATA_DIR, "pglite") : options.dataDir;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 200 });
  await server.start();

  const ownsLock = dataDir !== null && path.dirname(dataDir) === DATA_DIR && existsSync(DATA_DIR);
  if (ownsLock) await writeFile(LOCK_FILE, JSON.stringify({ pid: process.pid, port } satisfies LockInfo));

  let stopped = false;
  return {
    url: urlForPort(port),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (ownsLock) await rm(LOCK_FILE, { force: true });
    },
  };
}
