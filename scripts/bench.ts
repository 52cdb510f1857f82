// `npm run bench`: the gateway in production mode against a zero-latency mock provider, measured
// in the same run as the floor (bench/floor: a minimal Next.js route that forwards the body with
// fetch to the same mock). Every figure is given absolute and as a ratio to the floor.
// Writes docs/BENCHMARKS.md, keeping its hand-written "## Notes" section. Options (env):
// BENCH_REQUESTS (sequential samples, default 2000), BENCH_SECONDS (per concurrent run, default 10),
// BENCH_ROUNDS (32-client runs per target, the targets in turn, default 3),
// BENCH_SOAK_SECONDS (sustained load for the memory check, floor and gateway each, default 300; 0 = none),
// BENCH_REDIS (default redis://127.0.0.1:6379 when it answers; "off" to skip the Redis targets),
// BENCH_BEFORE (path to another built checkout: its gateway is measured in the same run),
// BENCH_PORT (first of the ports the servers use, default 3491), BENCH_OUT (default docs/BENCHMARKS.md),
// BENCH_LOAD (wrk | node: the 32-client load generator; default wrk when it is installed),
// BENCH_CPU_PROFILE (a folder: every Next.js server, the floor's too, writes a V8 CPU profile there when it stops,
// through scripts/cpu-profile-hook.cjs; read one with scripts/cpu-profile-top.ts),
// BENCH_PHASES (default on when tcpdump runs: a 1-client pass per body kind with loopback packets captured, to show
// where each server's time goes between the request and its answer; "off" to skip; needs root or CAP_NET_RAW),
// MOCK_STREAM_PER_FRAME=1 (the mock writes each SSE frame on its own, waiting for each write, instead of the whole
// stream at once).
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createGunzip, constants as zlibConstants } from "node:zlib";
import { createInterface } from "node:readline";
import { text } from "node:stream/consumers";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import pg from "pg";
import { Pool } from "undici";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { displayStart, generateApiKey, hashApiKey } from "@/lib/api-keys/key-format";
import { PROVIDER_IDS, PROVIDERS } from "@/lib/providers";
import { startApp } from "@/tests/support/stack";
import { hasTcpdump, phasesOf, startCapture, type Phases } from "./bench-phases";

const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 2_000);
const WARMUP = 200;
// Each phase goes over the targets this many times, in turn (see sequential and the 32-client phase).
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3491);
const OUT = process.env.BENCH_OUT ?? "docs/BENCHMARKS.md";
const BEFORE = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
const CONCURRENCY = 32;
// Unset: the embedded database (what `npm start` uses with no configuration).
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "";
const MODEL = "llama-3.3-70b-versatile";
const MOCK_KEY = ["gsk", "test"].join("_");
const body = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: "user", content: "Say hello" }] });
// The gateway is asked for its chain ("auto"); the floor and the mock for the model the chain pins.
const BODIES = { gateway: { json: body("auto"), stream: body("auto", true) }, direct: { json: body(MODEL), stream: body(MODEL, true) } };

const execFileAsync = promisify(execFile);
const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;
const LOAD = process.env.BENCH_LOAD ?? (hasWrk ? "wrk" : "node");
const PHASES = process.env.BENCH_PHASES !== "off" && hasTcpdump();
if (LOAD === "node" && !process.env.BENCH_LOAD)
  console.warn(
    "[bench] wrk is not installed: the 32-client rows use a Node load loop in this process, which takes a core from the servers; its ratios are not comparable with wrk's (install wrk).",
  );

interface Target {
  name: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  bodies: { json: string; stream: string };
  /** The server's pid, for its RSS (null for the mock). */
  pid: number | null;
  gateway: boolean;
  /** A gateway that shares its state through Redis. */
  redis?: boolean;
}

interface Figures {
  one?: { p50: number; p99: number };
  many?: { rps: number; p50: number; p99: number; errors: number };
  ttft?: { p50: number; p99: number };
  /** `one` and `ttft`'s p50 again with the SDKs' `accept-encoding: gzip`. */
  sdk?: { p50: number; ttft: number };
  cacheHit?: number | null;
  rssAfterLoadMb?: number;
  /** The server process's CPU time (user + system) per answered request during the 32-client run. */
  cpuUsPerRequest?: number;
  /** The same for the Redis server (local Redis only: its pid from INFO), Redis targets only. */
  redisCpuUsPerRequest?: number;
  soak?: { rssMb: number[]; requests: number };
  phases?: { json: Phases; stream: Phases };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const log = (line: string) => console.log(`[bench] ${line}`);

async function startMock(...extra: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/mocks/serve.ts", "--profile", "groq", "--zero-latency", "--json", ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill("SIGTERM") };
}

// Every gateway row but the cache-hit row measures the gateway, not its response cache: the same
// request repeated would otherwise be answered from the cache (keys have it on by default).
const NO_STORE_HEADER = "x-freellmapi-cache";
// What the SDKs' HTTP clients send on every request (fetch, httpx): the SDK-client rows.
const SDK_HEADERS = { "accept-encoding": "gzip, deflate" };

async function request(
  pool: Pool,
  target: Target,
  payload: string,
  firstByte = false,
  headers = target.headers,
): Promise<{ ms: number; cache: string | null }> {
  const started = performance.now();
  const response = await pool.request({ method: "POST", path: target.path, headers: { "content-type": "application/json", ...headers }, body: payload });
  if (response.statusCode !== 200) throw new Error(`${target.name}: HTTP ${response.statusCode}: ${await response.body.text()}`);
  const cache = response.headers["x-freellmapi-cache"];
  // A tree without the response cache sends no header; one with it must say it was bypassed.
  if (headers[NO_STORE_HEADER] === "no-store" && target.gateway && cache !== undefined && cache !== "bypass")
    throw new Error(`${target.name}: x-freellmapi-cache: ${String(cache)} where the request said no-store`);
  // A gzipped answer is decoded as it arrives, as an SDK's client does (each flush yields its events).
  const body = response.headers["content-encoding"] === "gzip" ? response.body.pipe(createGunzip({ flush: zlibConstants.Z_SYNC_FLUSH })) : response.body;
  if (firstByte) {
    let firstToken = 0;
    for await (const chunk of body) {
      if (!firstToken && /"content":"[^"]/.test(String(chunk))) firstToken = performance.now() - started;
    }
    if (!firstToken) throw new Error(`${target.name}: the stream carried no content`);
    return { ms: firstToken, cache: null };
  }
  await text(body);
  return { ms: performance.now() - started, cache: typeof cache === "string" ? cache : null };
}

/**
 * One client, request after request: every target warmed up, then the targets interleaved request
 * by request, in an order that rotates each time, so every target sees the same machine. (Blocks of
 * one target's requests in turn put the same code 15-25% apart by its place in the order.)
 */
async function sequential(targets: Target[], payload: (t: Target) => string, firstByte = false, extraHeaders: Record<string, string> = {}) {
  const pools = new Map(targets.map((t) => [t, new Pool(t.origin, { connections: 1 })]));
  const samples = new Map(targets.map((t) => [t, [] as number[]]));
  const headers = (t: Target) => ({ ...t.headers, ...extraHeaders });
  for (const t of targets) for (let i = 0; i < WARMUP; i++) await request(pools.get(t)!, t, payload(t), firstByte, headers(t));
  for (let i = 0; i < SEQUENTIAL; i++) {
    for (let j = 0; j < targets.length; j++) {
      const t = targets[(i + j) % targets.length];
      samples.get(t)!.push((await request(pools.get(t)!, t, payload(t), firstByte, headers(t))).ms);
    }
  }
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  return new Map(
    targets.map((t) => {
      const sorted = samples.get(t)!.sort((a, b) => a - b);
      return [t, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }),
  );
}

/** The same request again and again, with the cache allowed: its p50 when every repeat was a cache hit, else null. */
async function cacheHit(target: Target): Promise<number | null> {
  const pool = new Pool(target.origin, { connections: 1 });
  const { [NO_STORE_HEADER]: _noStore, ...headers } = target.headers;
  try {
    const payload = JSON.stringify({ model: "auto", messages: [{ role: "user", content: `Cache probe ${randomUUID()}` }] });
    await request(pool, target, payload, false, headers);
    for (let i = 0; i < WARMUP; i++) await request(pool, target, payload, false, headers);
    const samples: number[] = [];
    for (let i = 0; i < Math.max(100, SEQUENTIAL / 2); i++) {
      const { ms, cache } = await request(pool, target, payload, false, headers);
      if (cache !== "hit") {
        log(`${target.name}: a repeat said x-freellmapi-cache: ${cache ?? "(none)"}, not hit`);
        return null;
      }
      samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    return percentile(samples, 50);
  } finally {
    await pool.close();
  }
}

async function nodeLoad(target: Target, seconds: number, payload: string, connections = CONCURRENCY) {
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const samples: number[] = [];
  const deadline = Date.now() + seconds * 1_000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        try {
          samples.push((await request(pool, target, payload)).ms);
        } catch {
          errors++;
        }
      }
    }),
  );
  await pool.close();
  samples.sort((a, b) => a - b);
  return { rps: samples.length / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), errors };
}

let wrkScripts = 0;

async function wrkLoad(target: Target, seconds: number, payload: string, connections = CONCURRENCY) {
  const headers = { "content-type": "application/json", ...target.headers };
  const script = path.join(os.tmpdir(), `freellmapi-bench-${process.pid}-${wrkScripts++}.lua`);
  await writeFile(
    script,
    [
      `wrk.method = "POST"`,
      `wrk.body = ${JSON.stringify(payload)}`,
      ...Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
    ].join("\n"),
  );
  const { stdout: out } = await execFileAsync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "30s", "--latency", "-s", script, `${target.origin}${target.path}`],
    { encoding: "utf8" },
  );
  await rm(script, { force: true });
  const ms = (label: string) => {
    const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, "m"));
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
  };
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const bad = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = bad + (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { rps: (requests - bad) / seconds, p50: ms("50"), p99: ms("99"), errors };
}

const load = (target: Target, seconds: number, payload: string, connections = CONCURRENCY) =>
  LOAD === "wrk" ? wrkLoad(target, seconds, payload, connections) : nodeLoad(target, seconds, payload, connections);

/**
 * Two users of one server, measured so that whatever the machine does reaches both alike: one
 * client alternating between them request by request, then half the clients each at the same
 * time (ROUNDS runs). Non-streamed requests. Gives each one's p50 and requests/s.
 */
async function sideBySide([a, b]: [Target, Target]) {
  const pools = [a, b].map((t) => new Pool(t.origin, { connections: 1 }));
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < WARMUP; i++) for (const k of [0, 1]) await request(pools[k], [a, b][k], a.bodies.json);
  for (let i = 0; i < SEQUENTIAL; i++) {
    // The order alternates too, so neither always follows the other.
    for (const k of i % 2 ? [1, 0] : [0, 1]) samples[k].push((await request(pools[k], [a, b][k], a.bodies.json)).ms);
  }
  await Promise.all(pools.map((pool) => pool.close()));
  const rps: [number[], number[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    const runs = await Promise.all([a, b].map((t) => load(t, SECONDS, a.bodies.json, CONCURRENCY / 2)));
    runs.forEach((run, k) => rps[k].push(run.rps));
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return [0, 1].map((k) => ({
    p50: percentile(
      samples[k].sort((x, y) => x - y),
      50,
    ),
    rps: median(rps[k]),
  })) as [{ p50: number; rps: number }, { p50: number; rps: number }];
}

async function listeningPid(port: number): Promise<number | null> {
  const tcp = (await readFile("/proc/net/tcp6", "utf8").catch(() => "")) + (await readFile("/proc/net/tcp", "utf8").catch(() => ""));
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inode = tcp
    .split("\n")
    .find((row) => row.includes(`:${hex} `) && row.trim().split(/\s+/)[3] === "0A")
    ?.trim()
    .split(/\s+/)[9];
  if (!inode) return null;
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")) === `socket:[${inode}]`) return Number(pid);
    }
  }
  return null;
}

/** A process's CPU time so far (user + system), in microseconds. */
async function cpuUs(pid: number | null): Promise<number> {
  if (!pid) return NaN;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

async function rssMb(pid: number | null): Promise<number> {
  if (!pid) return NaN;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN) / 1024;
}

// One set of secrets for every app this script starts, and for the rows it seeds.
const secrets = {
  AUTH_SECRET: randomBytes(32).toString("hex"),
  ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  BROWSER_TOKEN_SECRET: randomBytes(32).toString("hex"),
};

// A custom OpenAI-compatible endpoint: it has no catalog free-tier limits, so the router never
// benches it and the measurement is of the gateway, not of Groq's 30 requests per minute. Plain SQL
// on the columns every checkout has, so an older tree (BENCH_BEFORE) is seeded the same way.
/**
 * A user whose chain is one custom key on the mock, and an API key for them. `fullChain`: the
 * catalog's other providers follow it, 3 keys each with their catalog models, as a user who added
 * every free provider has them (`auto` builds candidates from all of them; only the first is called).
 */
async function seedGatewayKey(appDataDir: string, mockUrl: string, { fullChain = false } = {}): Promise<string> {
  const url = DATABASE_URL || (await findRunningEmbeddedDatabase(appDataDir));
  if (!url) throw new Error("The app's database is not running");
  // lib/env (read by lib/crypto) is parsed once per process and wants a database named.
  Object.assign(process.env, secrets, { DATABASE_URL: url, FREELLMAPI_EMBEDDED_DB: DATABASE_URL ? "" : "1" });
  const { encryptSecret } = await import("@/lib/crypto");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const userId = `bench${randomBytes(8).toString("hex")}`;
    const plaintext = generateApiKey();
    await client.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now())`, [userId, `${userId}@example.test`]);
    await client.query(
      `INSERT INTO "ProviderKey" (id, "userId", "providerId", "baseUrl", "encryptedSecret", "lastFour", models, "updatedAt") VALUES ($1, $2, 'custom', $3, $4, 'test', $5, now())`,
      [`${userId}pk`, userId, mockUrl, encryptSecret(MOCK_KEY), JSON.stringify([MODEL])],
    );
    await client.query(
      `INSERT INTO "FallbackEntry" (id, "userId", position, "providerId", "pinnedModel", "updatedAt") VALUES ($1, $2, 0, 'custom', $3, now())`,
      [`${userId}fe`, userId, MODEL],
    );
    const catalog = fullChain ? PROVIDER_IDS.filter((id) => id !== "custom") : [];
    for (const [index, providerId] of catalog.entries()) {
      const models = JSON.stringify(PROVIDERS[providerId].models.map((model) => model.id));
      for (let k = 0; k < 3; k++) {
        await client.query(
          `INSERT INTO "ProviderKey" (id, "userId", "providerId", "encryptedSecret", "lastFour", models, "updatedAt") VALUES ($1, $2, $3, $4, 'test', $5, now())`,
          [`${userId}pk${providerId}${k}`, userId, providerId, encryptSecret(`${providerId}-bench-key-${k}`), models],
        );
      }
      await client.query(`INSERT INTO "FallbackEntry" (id, "userId", position, "providerId", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
        `${userId}fe${providerId}`,
        userId,
        index + 1,
        providerId,
      ]);
    }
    await client.query(`INSERT INTO "ApiKey" (id, "userId", name, hash, start) VALUES ($1, $2, 'bench', $3, $4)`, [
      `${userId}ak`,
      userId,
      hashApiKey(plaintext),
      displayStart(plaintext),
    ]);
    return plaintext;
  } finally {
    await client.end();
  }
}

/** With BENCH_CPU_PROFILE, what makes a Next.js server write its CPU profile there when it stops. */
function profileEnv(): Record<string, string> {
  if (!CPU_PROFILE) return {};
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.resolve("scripts/cpu-profile-hook.cjs")}`.trim(),
    FREELLMAPI_CPU_PROFILE_DIR: CPU_PROFILE,
  };
}

async function startGateway(name: string, cwd: string, mockUrl: string, port: number, extraEnv: Record<string, string>) {
  log(`starting ${name} (${path.relative(process.cwd(), cwd) || "."}) on port ${port}`);
  const app = await startApp({
    port,
    cwd,
    quiet: true,
    env: {
      DATABASE_URL,
      KEY_RPM: "100000000",
      ACCOUNT_RPM: "100000000",
      LOG_LEVEL: "warn",
      ...secrets,
      ...profileEnv(),
      ...extraEnv,
    },
  });
  const apiKey = await seedGatewayKey(app.dataDir, mockUrl);
  const target: Target = {
    name,
    origin: app.baseUrl,
    path: "/v1/chat/completions",
    headers: { authorization: `Bearer ${apiKey}`, [NO_STORE_HEADER]: "no-store" },
    bodies: BODIES.gateway,
    pid: await listeningPid(port),
    gateway: true,
    redis: Boolean(extraEnv.REDIS_URL),
  };
  if (CPU_PROFILE) log(`${name}: the Next.js server is pid ${target.pid}; its profile is ${CPU_PROFILE}/CPU.${target.pid}.cpuprofile`);
  /** The same server, for another user whose chain's first key is on `url` (`fullChain`: see seedGatewayKey). */
  const withUpstream = async (targetName: string, url: string, options?: { fullChain?: boolean }): Promise<Target> => ({
    ...target,
    name: targetName,
    headers: { ...target.headers, authorization: `Bearer ${await seedGatewayKey(app.dataDir, url, options)}` },
  });
  return { target, withUpstream, stop: () => app.stop() };
}

/** bench/floor, built with this checkout's Next.js when its build is missing. */
async function startFloor(mockUrl: string, port: number) {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const dir = path.resolve("bench/floor");
  const built = await readFile(path.join(dir, ".next", "BUILD_ID"), "utf8").then(
    () => true,
    () => false,
  );
  if (!built || process.env.BENCH_REBUILD_FLOOR) {
    log("building bench/floor");
    execFileSync(process.execPath, [nextBin, "build", dir], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  log(`starting the floor on port ${port}`);
  const child = spawn(process.execPath, [nextBin, "start", dir, "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", FLOOR_UPSTREAM_URL: mockUrl, FLOOR_UPSTREAM_KEY: MOCK_KEY, ...profileEnv() },
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${origin}/v1/chat/completions`, { method: "POST", body: BODIES.direct.json }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGTERM");
      throw new Error("The floor app did not answer");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const target: Target = {
    name: "floor",
    origin,
    path: "/v1/chat/completions",
    headers: {},
    bodies: BODIES.direct,
    pid: await listeningPid(port),
    gateway: false,
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { target, stop };
}

async function redisUrl(): Promise<string | null> {
  const url = process.env.BENCH_REDIS ?? "redis://127.0.0.1:6379";
  if (url === "off") return null;
  const { default: IORedis } = await import("ioredis");
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  const ok = await client
    .connect()
    .then(() => client.ping())
    .then(
      () => true,
      () => false,
    );
  client.disconnect();
  return ok ? url : null;
}

/** The Redis server's pid when it runs on this machine (its /proc is readable), else null. */
async function redisPid(url: string | null): Promise<number | null> {
  if (!url) return null;
  const { default: IORedis } = await import("ioredis");
  const client = new IORedis(url, { maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  const info = await client.info("server").catch(() => "");
  client.disconnect();
  const pid = Number(info.match(/process_id:(\d+)/)?.[1]);
  return pid && !Number.isNaN(await cpuUs(pid)) ? pid : null;
}

function commitOf(dir: string): string {
  const result = spawnSync("git", ["-C", dir, "log", "-1", "--format=%h %s"], { encoding: "utf8" });
  if (result.status !== 0) return "unknown commit";
  const line = result.stdout.trim();
  const dirty = spawnSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim()
    ? " (with uncommitted changes)"
    : "";
  return (line.length > 90 ? `${line.slice(0, 87)}...` : line) + dirty;
}

// ---------------------------------------------------------------------------------------------

const stops: Array<() => unknown> = [];
const mock = await startMock();
stops.push(mock.stop);
// Issue 14's check on the always-streamed upstream call: the same server and request, its upstream
// answering JSON (the gateway then reads it whole), against the row whose upstream streams.
const jsonMock = await startMock("--ignore-stream");
stops.push(jsonMock.stop);
const figures = new Map<string, Figures>();
let alwaysStreamPair: [Target, Target] | undefined;
let alwaysStream: Awaited<ReturnType<typeof sideBySide>> | undefined;
// The chain-size pair per mode of this tree's gateway (in-process, Redis), and what each measured.
const chainSizePairs: Array<{ mode: string; pair: [Target, Target] }> = [];
const chainSizes: Array<{ mode: string; figures: Awaited<ReturnType<typeof sideBySide>> }> = [];
const loadBefore = os.loadavg();
let targets: Target[] = [];
try {
  const mockUrl = new URL(mock.url);
  const direct: Target = {
    name: "mock, called directly",
    origin: mockUrl.origin,
    path: `${mockUrl.pathname}/chat/completions`,
    headers: { authorization: `Bearer ${MOCK_KEY}` },
    bodies: BODIES.direct,
    pid: null,
    gateway: false,
  };
  const floor = await startFloor(mock.url, FIRST_PORT);
  stops.push(floor.stop);
  targets = [direct, floor.target];
  const redis = await redisUrl();
  const prefix = `bench-${Date.now()}`;
  const trees: Array<{ label: string; cwd: string }> = [{ label: "freellmapi", cwd: process.cwd() }];
  if (BEFORE) trees.push({ label: `before (${commitOf(BEFORE).split(" ")[0]})`, cwd: BEFORE });
  let port = FIRST_PORT + 1;
  for (const tree of trees) {
    const inProcess = await startGateway(`${tree.label}, in-process limits`, tree.cwd, mock.url, port++, { REDIS_URL: "", UPSTASH_REDIS_REST_URL: "" });
    stops.push(inProcess.stop);
    targets.push(inProcess.target);
    if (tree.cwd === process.cwd()) {
      alwaysStreamPair = [inProcess.target, await inProcess.withUpstream("upstream answers JSON", jsonMock.url)];
      chainSizePairs.push({ mode: "in-process", pair: [inProcess.target, await inProcess.withUpstream("full chain", mock.url, { fullChain: true })] });
    }
    if (redis) {
      const shared = await startGateway(`${tree.label}, Redis`, tree.cwd, mock.url, port++, { REDIS_URL: redis, REDIS_KEY_PREFIX: `${prefix}-${port}` });
      stops.push(shared.stop);
      targets.push(shared.target);
      if (tree.cwd === process.cwd())
        chainSizePairs.push({ mode: "Redis", pair: [shared.target, await shared.withUpstream("full chain, Redis", mock.url, { fullChain: true })] });
    }
  }
  for (const t of targets) figures.set(t.name, {});

  // Each measurement runs over every target back to back, so a change in the machine's load
  // during the run hits all of them alike and the ratios to the floor hold.
  log(`1 client, ${SEQUENTIAL} requests after ${WARMUP} warm-up, the targets interleaved`);
  for (const [t, one] of await sequential(targets, (t) => t.bodies.json)) figures.get(t.name)!.one = one;
  log(`${CONCURRENCY} clients for ${SECONDS} s (${LOAD})`);
  // ROUNDS runs per target, in turn, each round starting one target later (no target always runs
  // right after the same one); each figure is the median round's, CPU per request over all of them.
  const runs = new Map(targets.map((t) => [t, [] as Array<Awaited<ReturnType<typeof load>>>]));
  const cpu = new Map(targets.map((t) => [t, 0]));
  const redisCpu = new Map(targets.map((t) => [t, 0]));
  const redisServer = await redisPid(redis);
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < targets.length; j++) {
      const t = targets[(round + j) % targets.length];
      const [cpuBefore, redisBefore] = [await cpuUs(t.pid), await cpuUs(redisServer)];
      runs.get(t)!.push(await load(t, SECONDS, t.bodies.json));
      cpu.set(t, cpu.get(t)! + (await cpuUs(t.pid)) - cpuBefore);
      redisCpu.set(t, redisCpu.get(t)! + (await cpuUs(redisServer)) - redisBefore);
      figures.get(t.name)!.rssAfterLoadMb = await rssMb(t.pid);
    }
  }
  for (const t of targets) {
    const all = runs.get(t)!;
    const median = (pick: (run: (typeof all)[number]) => number) => all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)];
    figures.get(t.name)!.many = {
      rps: median((r) => r.rps),
      p50: median((r) => r.p50),
      p99: median((r) => r.p99),
      errors: all.reduce((n, r) => n + r.errors, 0),
    };
    const answered = all.reduce((n, r) => n + r.rps * SECONDS, 0);
    figures.get(t.name)!.cpuUsPerRequest = cpu.get(t)! / answered;
    if (t.redis && redisServer) figures.get(t.name)!.redisCpuUsPerRequest = redisCpu.get(t)! / answered;
  }
  log("streaming, time to first token");
  for (const [t, ttft] of await sequential(targets, (t) => t.bodies.stream, true)) figures.get(t.name)!.ttft = ttft;
  log("as the SDKs' clients ask: accept-encoding: gzip, 1 client");
  const sdkJson = await sequential(targets, (t) => t.bodies.json, false, SDK_HEADERS);
  const sdkTtft = await sequential(targets, (t) => t.bodies.stream, true, SDK_HEADERS);
  for (const t of targets) figures.get(t.name)!.sdk = { p50: sdkJson.get(t)!.p50, ttft: sdkTtft.get(t)!.p50 };
  log("cache hits");
  for (const t of targets.filter((t) => t.gateway)) figures.get(t.name)!.cacheHit = await cacheHit(t);
  if (PHASES) {
    const servers = targets.filter((t) => t.pid !== null);
    const port = (url: string) => Number(new URL(url).port);
    const redisPort = redis ? Number(new URL(redis).port || 6379) : null;
    const phases = new Map(servers.map((t) => [t, {} as Partial<NonNullable<Figures["phases"]>>]));
    for (const kind of ["json", "stream"] as const) {
      log(`where the time goes, 1 client, ${kind} (loopback packets captured)`);
      const capture = await startCapture([...servers.map((t) => port(t.origin)), port(mock.url), ...(redisPort ? [redisPort] : [])]).catch((error: Error) => {
        log(`no packet capture: ${error.message}`);
        return null;
      });
      if (!capture) break;
      await sequential(servers, (t) => t.bodies[kind], kind === "stream");
      const packets = await capture.stop();
      for (const t of servers) phases.get(t)![kind] = phasesOf(packets, port(t.origin), port(mock.url), t.redis ? redisPort : null, WARMUP);
    }
    for (const [t, p] of phases) if (p.json && p.stream) figures.get(t.name)!.phases = { json: p.json, stream: p.stream };
  }
  log("the always-streamed upstream call against an upstream that answers JSON, same server, side by side");
  alwaysStream = await sideBySide(alwaysStreamPair!);
  for (const { mode, pair } of chainSizePairs) {
    log(`${mode}: a full chain against a one-provider chain, same server, side by side`);
    chainSizes.push({ mode, figures: await sideBySide(pair) });
  }
  if (SOAK_SECONDS > 0) {
    for (const t of [floor.target, targets.find((t) => t.gateway)!]) {
      log(`${t.name}: ${SOAK_SECONDS} s at ${CONCURRENCY} clients`);
      const rss = [await rssMb(t.pid)];
      let requests = 0;
      const step = Math.min(60, SOAK_SECONDS);
      for (let left = SOAK_SECONDS; left > 0; left -= step) {
        const run = await load(t, Math.min(step, left), t.bodies.json);
        requests += Math.round(run.rps * Math.min(step, left));
        rss.push(await rssMb(t.pid));
      }
      figures.get(t.name)!.soak = { rssMb: rss, requests };
    }
  }
} finally {
  for (const stop of stops.reverse()) await stop();
}

// ---------------------------------------------------------------------------------------------

const floorFigures = figures.get("floor")!;
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "-" : value.toFixed(2));
const ratio = (value: number | undefined, base: number | undefined) =>
  value === undefined || base === undefined || Number.isNaN(value) || !base ? "" : ` (${(value / base).toFixed(2)}×)`;
const row = (label: string, pick: (f: Figures) => number | undefined | null, format: (v: number) => string = ms, base = pick) =>
  `| ${label} | ` +
  targets
    .map((t) => {
      const value = pick(figures.get(t.name)!);
      if (value === null) return "n/a";
      if (value === undefined || Number.isNaN(value)) return "-";
      return format(value) + (t.name === "floor" ? "" : ratio(value, base(floorFigures) ?? undefined));
    })
    .join(" | ") +
  " |";
const loadAfter = os.loadavg();
const soaked = targets.filter((t) => figures.get(t.name)!.soak);

const generated = [
  "# Benchmarks",
  "",
  `Generated by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} cores, load average`,
  `${loadBefore[0].toFixed(2)} at the start and ${loadAfter[0].toFixed(2)} at the end of the run. Every server runs in production mode in front of one`,
  "zero-latency mock provider on loopback. **The floor** is bench/floor: a minimal Next.js route that forwards the body",
  "with `fetch` to the same mock and returns its body. Each figure is also given as a ratio to the floor's, measured in the",
  "same run (each measurement goes over every target back to back), since this machine's speed varies several-fold from day",
  `to day. Load generator, servers and mock share the cores. The gateway runs ${DATABASE_URL ? "on PostgreSQL" : "on its embedded database"}, its chain one custom`,
  "OpenAI-compatible key on the mock; Redis targets share state through a local Redis. The gateway starts as `npm start`",
  "does, so its static /v1 routes are answered without Next.js's request pipeline (lib/api/direct-routes.ts), while the",
  "floor's request goes through it.",
  "",
  `1 client: ${SEQUENTIAL} requests after ${WARMUP} warm-up. ${CONCURRENCY} clients: ${SECONDS} s with ${LOAD === "wrk" ? "wrk" : "a Node load loop (undici; not comparable with wrk's figures: it runs in the bench's process and takes a core)"}, ${ROUNDS} times`,
  `(the median run's figures), the targets in turn, each round starting one later; at 1 client they take turns request by request. Server CPU per request: the server`,
  "process's user + system time during its 32-client runs over the requests it answered; the Redis server's the same way (a",
  "local Redis, shared by nothing else during the run).",
  "Every gateway request except the cache-hit row's sends `x-freellmapi-cache: no-store` (each answer is checked to say",
  "`bypass`), so the rows measure the gateway and its upstream call, not the response cache. Time to first token: until",
  "the first content delta of a streamed answer, 1 client. Cache hit: the same request again with the same key and the",
  "cache allowed, 1 client, when every answer says `x-freellmapi-cache: hit` (else n/a). RSS: the Next.js server",
  "process right after its 32-client run. The other rows' requests, like wrk's, accept no compression; the SDK-client",
  "rows repeat the 1-client p50 and first token with `accept-encoding: gzip, deflate`, which the SDKs' HTTP clients send on",
  "every request, decoding what comes back gzipped (the floor keeps Next.js's default compression).",
  ...(BEFORE ? ["", `"before" is another checkout measured in the same run: ${commitOf(BEFORE)}.`] : []),
  "",
  `Measured: ${commitOf(process.cwd())}.`,
  "",
  "| what | " + targets.map((t) => t.name).join(" | ") + " |",
  "|---|" + targets.map(() => "---|").join(""),
  row("p50 latency, 1 client (ms)", (f) => f.one?.p50),
  row("p99 latency, 1 client (ms)", (f) => f.one?.p99),
  row(
    `requests/s, ${CONCURRENCY} clients`,
    (f) => f.many?.rps,
    (v) => Math.round(v).toString(),
  ),
  row(
    `server CPU per request, ${CONCURRENCY} clients (µs)`,
    (f) => f.cpuUsPerRequest,
    (v) => Math.round(v).toString(),
  ),
  // The floor has no Redis: no ratio.
  row(
    `Redis server CPU per request, ${CONCURRENCY} clients (µs)`,
    (f) => f.redisCpuUsPerRequest,
    (v) => Math.round(v).toString(),
    () => undefined,
  ),
  row(`p50 latency, ${CONCURRENCY} clients (ms)`, (f) => f.many?.p50),
  row(`p99 latency, ${CONCURRENCY} clients (ms)`, (f) => f.many?.p99),
  `| errors, ${CONCURRENCY} clients | ` + targets.map((t) => String(figures.get(t.name)!.many?.errors ?? "-")).join(" | ") + " |",
  row("time to first token, streaming, p50 (ms)", (f) => f.ttft?.p50),
  row("time to first token, streaming, p99 (ms)", (f) => f.ttft?.p99),
  row("p50 latency, 1 client, SDK client (gzip accepted) (ms)", (f) => f.sdk?.p50),
  row("time to first token p50, SDK client (gzip accepted) (ms)", (f) => f.sdk?.ttft),
  // Against the floor's 1-client p50: the floor has no cache.
  row(
    "cache hit p50, 1 client (ms)",
    (f) => f.cacheHit,
    ms,
    (f) => f.one?.p50,
  ),
  row(
    `RSS after ${CONCURRENCY} clients (MB)`,
    (f) => f.rssAfterLoadMb,
    (v) => v.toFixed(0),
  ),
  ...(soaked.length > 0
    ? [
        "",
        `Sustained load: ${SOAK_SECONDS} s at ${CONCURRENCY} clients each, RSS of the server at the start and after every minute (MB):`,
        "",
        "| target | requests | RSS over time (MB) | end, ratio to the floor |",
        "|---|---|---|---|",
        ...soaked.map((t) => {
          const soak = figures.get(t.name)!.soak!;
          const end = soak.rssMb.at(-1)!;
          return `| ${t.name} | ${soak.requests.toLocaleString("en-US")} | ${soak.rssMb.map((mb) => mb.toFixed(0)).join(" → ")} | ${end.toFixed(0)}${ratio(end, floorFigures.soak?.rssMb.at(-1))} |`;
        }),
      ]
    : []),
  ...phaseRows(),
  ...(alwaysStream
    ? [
        "",
        `The always-streamed upstream call (issue 14): the in-process server, non-streamed requests for two users, one whose`,
        "upstream streams (the gateway assembles the answer) and one whose upstream answers JSON although asked to stream",
        `(read whole), measured side by side: 1 client alternating between them (${SEQUENTIAL} each), then ${CONCURRENCY / 2} clients each at once`,
        `(${SECONDS} s, ${ROUNDS} runs, the median).`,
        "",
        "| what | upstream streams | upstream answers JSON | streams / JSON |",
        "|---|---|---|---|",
        `| p50 latency, 1 client (ms) | ${ms(alwaysStream[0].p50)} | ${ms(alwaysStream[1].p50)} | ${(alwaysStream[0].p50 / alwaysStream[1].p50).toFixed(3)} |`,
        `| requests/s, ${CONCURRENCY / 2} + ${CONCURRENCY / 2} clients | ${Math.round(alwaysStream[0].rps)} | ${Math.round(alwaysStream[1].rps)} | ${(alwaysStream[0].rps / alwaysStream[1].rps).toFixed(3)} |`,
      ]
    : []),
  ...(chainSizes.length > 0
    ? [
        "",
        `Chain size (issue 12): each server of this tree, non-streamed \`auto\` requests for two users, one whose chain is the mock's`,
        `key alone and one whose chain puts it first, then the catalog's ${PROVIDER_IDS.length - 1} other providers with 3 keys each (candidates are built`,
        "for all of them; the first answers), measured side by side as above. Target: the full chain's p50 within 1.10×.",
        "",
        "| what | one provider | full chain | full / one |",
        "|---|---|---|---|",
        ...chainSizes.map(
          ({ mode, figures: [one, full] }) => `| p50 latency, 1 client, ${mode} (ms) | ${ms(one.p50)} | ${ms(full.p50)} | ${(full.p50 / one.p50).toFixed(3)} |`,
        ),
        ...chainSizes.map(
          ({ mode, figures: [one, full] }) =>
            `| requests/s, ${CONCURRENCY / 2} + ${CONCURRENCY / 2} clients, ${mode} | ${Math.round(one.rps)} | ${Math.round(full.rps)} | ${(full.rps / one.rps).toFixed(3)} |`,
        ),
      ]
    : []),
  "",
  "Targets (issue 12, ratios to the floor): 32 clients ≥ 0.95× in-process, ≥ 0.90× with Redis; 1 client p50 ≤ 1.10×",
  "in-process, ≤ 1.20× with Redis; time to first token ≤ 1.10× / ≤ 1.20×; RSS after 5 min at 32 clients ≤ 1.5× the",
  "floor's; a cache hit ≤ the floor's p50.",
  "",
];

/** The packet-capture table: each server's phases, with its difference to the floor's. */
function phaseRows(): string[] {
  const servers = targets.filter((t) => figures.get(t.name)?.phases);
  if (servers.length === 0) return [];
  const names = ["redis", "upstream", "upstreamAnswer", "headers", "body"] as const;
  const cell = (p: Phases, base: Phases | undefined, name: (typeof names)[number]) => {
    const value = p[name];
    if (value === null) return "-";
    const floorValue = base?.[name];
    return floorValue === null || floorValue === undefined || p === base
      ? value.toFixed(2)
      : `${value.toFixed(2)} (${value >= floorValue ? "+" : ""}${(value - floorValue).toFixed(2)})`;
  };
  return [
    "",
    `Where the time goes, 1 client: loopback packets captured (tcpdump) during one more pass of ${SEQUENTIAL} requests per target and`,
    "kind, the targets taking turns request by request, so every packet between a request and the next is that request's.",
    "Median ms from the request's first byte to: Redis's last answer before the provider is called, the call to the provider,",
    "the provider's first bytes back, the response's headers, its body (the same packet when it sent one); in parentheses the",
    "difference to the floor's.",
    "",
    "| target | body | Redis answered | provider called | provider answered | headers sent | body sent |",
    "|---|---|---|---|---|---|---|",
    ...(["json", "stream"] as const).flatMap((kind) =>
      servers.map((t) => {
        const p = figures.get(t.name)!.phases![kind];
        const base = floorFigures.phases?.[kind];
        return `| ${t.name} | ${kind} | ${names.map((name) => cell(p, base, name)).join(" | ")} |`;
      }),
    ),
  ];
}

// The hand-written part of the file: everything from "## Notes" on is kept as it is.
const previous = await readFile(OUT, "utf8").catch(() => "");
const notesAt = previous.search(/^## Notes\b/m);
const notes =
  notesAt >= 0
    ? previous.slice(notesAt)
    : "## Notes\n\n(Hand-written: what the figures above mean and where the costs come from. `npm run bench` keeps this section.)\n";
await writeFile(OUT, generated.join("\n") + "\n" + notes);
console.log(generated.join("\n"));
process.exit(0);
