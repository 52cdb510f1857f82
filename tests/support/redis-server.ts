/**
 * A private `redis-server` on a loopback port, so a test can kill and restart Redis without
 * touching the Redis other suites (and other engineers) share. Nothing is persisted:
 * a restart comes back empty, as a crashed cache without persistence would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Starts it again on the same port (no-op while running). */
  start(): Promise<void>;
  /** SIGKILL by default: a crash, not a graceful shutdown. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly running: boolean;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);

  async function start() {
    if (child) return;
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", os.tmpdir(), "--loglevel", "warning"];
    const spawned = spawn("redis-server", args, { stdio: ["ignore", "ignore", "inherit"] });
    child = spawned;
    spawned.once("exit", () => {
      if (child === spawned) child = null;
    });
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (child !== spawned) throw new Error(`redis-server exited before answering on port ${port}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(signal: NodeJS.Signals = "SIGKILL") {
    const running = child;
    if (!running) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    get running() {
      return child !== null;
    },
  };
}
