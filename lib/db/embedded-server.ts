import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";
import { log } from "@/lib/log";
import { SessionQueue } from "./session-queue";
import { keepWalCheckpointed } from "./wal-checkpoints";

/**
 * The embedded PostgreSQL: PGlite (file-backed) served over the normal wire protocol, so the
 * app, migrations and the admin CLI connect as to any server. PGlite has no authentication, so
 * it listens on a Unix socket in a 0700 folder (`.data/run/`, the socket itself 0600): only
 * this user's processes can connect. PGlite allows one process per data folder; the owner
 * records the socket in a lock file so other processes (the CLI while the app runs) use it.
 */
export const DATA_DIR = path.resolve(process.env.FREELLMAPI_DATA_DIR ?? ".data");
const LOCK_FILE = path.join(DATA_DIR, "embedded-db.json");
// FREELLMAPI_DATA_DIR moves the data folder (tests run isolated copies of the app).

// libpq and pg look for `<dir>/.s.PGSQL.<port>`; the port is only part of the name.
const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// sun_path holds 108 bytes on Linux, 104 on macOS.
const MAX_SOCKET_PATH = 100;

export interface EmbeddedDatabase {
  url: string;
  /** What the server listens on: a socket path, or host:port where sockets are unavailable. */
  address: string;
  stop(): Promise<void>;
}

type LockInfo = { pid: number; socketDir: string } | { pid: number; port: number };

export function urlForSocket(socketDir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}&sslmode=disable`;
}

export function urlForPort(port: number): string {
  // sslmode=disable: the socket does not speak TLS.
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
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
  const lock = await readFile(lockFile, "utf8").then(
    (text) => JSON.parse(text) as LockInfo,
    () => null,
  );
  if (!lock || lock.pid === process.pid || !isAlive(lock.pid)) return null;
  return "socketDir" in lock ? urlForSocket(lock.socketDir) : urlForPort(lock.port);
}

/** A private folder for the socket: `.data/run` when its path fits in a socket address. */
async function socketFolder(dataDir: string | null): Promise<{ dir: string; temporary: boolean }> {
  const preferred = dataDir ? path.join(path.dirname(dataDir), "run") : null;
  if (preferred && path.join(preferred, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    await rm(preferred, { recursive: true, force: true });
    await mkdir(preferred, { recursive: true, mode: 0o700 });
    await chmod(preferred, 0o700);
    return { dir: preferred, temporary: false };
  }
  // mkdtemp creates the folder 0700.
  return { dir: await mkdtemp(path.join(os.tmpdir(), "freellmapi-db-")), temporary: true };
}

/** Serves `db` to socket clients through one SessionQueue (see session-queue.ts), checkpointing its WAL. */
async function serve(db: PGlite, listen: (server: net.Server) => Promise<void>) {
  const queue = new SessionQueue(db);
  const checkpoints = keepWalCheckpointed(db, queue, {
    onError: (error) => log.warn(`The embedded database could not checkpoint its WAL: ${(error as Error).message}`),
  });
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    // The handler's option is typed as pglite-socket's own queue class; ours has its interface.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    handler.addEventListener("error", () => handlers.delete(handler));
    void handler.attach(socket);
  });
  server.maxConnections = 200;
  await listen(server);
  return async () => {
    await checkpoints.stop();
    for (const handler of handlers) await handler.detach(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/**
 * Opens PGlite and serves it on a private Unix socket (loopback TCP on Windows, which has no
 * such sockets for PostgreSQL clients). `dataDir: null` keeps it in memory (tests).
 */
export async function startEmbeddedDatabase(options: { dataDir?: string | null } = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir === undefined ? path.join(DATA_DIR, "pglite") : options.dataDir;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();

  let url: string;
  let address: string;
  let lock: LockInfo;
  let cleanup = async () => {};
  let closeServer: () => Promise<void>;
  if (process.platform === "win32") {
    let port = 0;
    closeServer = await serve(
      db,
      (server) =>
        new Promise((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => {
            port = (server.address() as net.AddressInfo).port;
            resolve();
          });
        }),
    );
    url = urlForPort(port);
    address = `127.0.0.1:${port}`;
    lock = { pid: process.pid, port };
  } else {
    const folder = await socketFolder(dataDir);
    const socketPath = path.join(folder.dir, SOCKET_NAME);
    closeServer = await serve(
      db,
      (server) =>
        new Promise((resolve, reject) => {
          server.once("error", reject);
          server.listen(socketPath, () => resolve());
        }),
    );
    await chmod(socketPath, 0o600);
    url = urlForSocket(folder.dir);
    address = socketPath;
    lock = { pid: process.pid, socketDir: folder.dir };
    if (folder.temporary) cleanup = () => rm(folder.dir, { recursive: true, force: true });
  }

  const ownsLock = dataDir !== null && path.dirname(dataDir) === DATA_DIR && existsSync(DATA_DIR);
  if (ownsLock) await writeFile(LOCK_FILE, JSON.stringify(lock), { mode: 0o600 });

  let stopped = false;
  return {
    url,
    address,
    async stop() {
      if (stopped) return;
      stopped = true;
      await closeServer();
      await db.close();
      await cleanup();
      if (ownsLock) await rm(LOCK_FILE, { force: true });
    },
  };
}
