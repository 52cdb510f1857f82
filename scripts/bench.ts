// `npm run bench`: the gateway in production mode against a zero-latency mock provider, measured
// against calling the mock directly. Writes docs/BENCHMARKS.md. Options (env):
// BENCH_REQUESTS (sequential samples, default 2000), BENCH_SECONDS (per concurrent run, default 10),
// BENCH_SOAK_SECONDS (sustained load for the memory check, default 300), BENCH_REDIS (default
// redis://127.0.0.1:6379 when it answers; "off" to skip the Redis run).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Pool } from "undici";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { startApp } from "@/tests/support/stack";

const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const CONCURRENCY = 32;
// Unset: the embedded database (what `npm start` uses with no configuration).
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "";
const MODEL = "llama-3.3-70b-versatile";
const body = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: "user", content: "Say hello" }] });
// The gateway is asked for its chain ("auto"); the mock directly for the model the chain pins.
const BODY = body("auto");
const STREAM_BODY = body("auto", true);
const DIRECT_BODY = body(MODEL);
const DIRECT_STREAM_BODY = body(MODEL, true);

interface Target {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms: number) => ms.toFixed(2);

async function startMock(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/mocks/serve.ts", "--profile", "groq", "--zero-latency", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill("SIGTERM") };
}

async function request(pool: Pool, target: Target, body: string, firstByte = false): Promise<number> {
  const started = performance.now();
  const response = await pool.request({ method: "POST", path: target.path, headers: { "content-type": "application/json", ...target.headers }, body });
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${await response.body.text()}`);
  if (firstByte) {
    let firstToken = 0;
    for await (const chunk of response.body) {
      if (!firstToken && /"content":"[^"]/.test(String(chunk))) firstToken = performance.now() - started;
    }
    if (!firstToken) throw new Error("The stream carried no content");
    return firstToken;
  }
  await response.body.text();
  return performance.now() - started;
}

async function sequential(target: Target, body: string, firstByte = false) {
  const pool = new Pool(target.origin, { connections: 1 });
  for (let i = 0; i < 200; i++) await request(pool, target, body, firstByte);
  const samples: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) samples.push(await request(pool, target, body, firstByte));
  await pool.close();
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function concurrent(target: Target, seconds: number, onTick?: () => void, payload = BODY) {
  const pool = new Pool(target.origin, { connections: CONCURRENCY, pipelining: 1 });
  const samples: number[] = [];
  const deadline = Date.now() + seconds * 1_000;
  let errors = 0;
  const ticker = onTick ? setInterval(onTick, 1_000) : null;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        try {
          samples.push(await request(pool, target, payload));
        } catch {
          errors++;
        }
      }
    }),
  );
  if (ticker) clearInterval(ticker);
  await pool.close();
  samples.sort((a, b) => a - b);
  return { rps: samples.length / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), errors };
}

async function listeningPid(port: number): Promise<number | null> {
  const tcp = await readFile("/proc/net/tcp6", "utf8").catch(() => "") + (await readFile("/proc/net/tcp", "utf8").catch(() => ""));
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inode = tcp.split("\n").find((row) => row.includes(`:${hex} `) && row.trim().split(/\s+/)[3] === "0A")?.trim().split(/\s+/)[9];
  if (!inode) return null;
  const { readdir, readlink } = await import("node:fs/promises");
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")) === `socket:[${inode}]`) return Number(pid);
    }
  }
  return null;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

// A custom OpenAI-compatible endpoint: it has no catalog free-tier limits, so the router never
// benches it and the measurement is of the gateway, not of Groq's 30 requests per minute.
async function seedGatewayKey(appDataDir: string, mockUrl: string) {
  process.env.DATABASE_URL = DATABASE_URL || ((await findRunningEmbeddedDatabase(appDataDir)) ?? "");
  process.env.FREELLMAPI_EMBEDDED_DB = DATABASE_URL ? "" : "1";
  Object.assign(process.env, secrets);
  const { prisma, disconnectDb } = await import("@/lib/db");
  const { encryptSecret } = await import("@/lib/crypto");
  const { createApiKey } = await import("@/lib/api-keys");
  const user = await prisma.user.create({ data: { email: `bench-${randomBytes(4).toString("hex")}@example.test` } });
  await prisma.providerKey.create({
    data: { userId: user.id, providerId: "custom", baseUrl: mockUrl, encryptedSecret: encryptSecret("gsk_test"), lastFour: "test", models: [MODEL] },
  });
  await prisma.fallbackEntry.create({ data: { userId: user.id, position: 0, providerId: "custom", pinnedModel: MODEL } });
  const { plaintext } = await createApiKey(user.id, { name: "bench" });
  await disconnectDb();
  return plaintext;
}

interface RunResult {
  label: string;
  one: { p50: number; p99: number };
  many: { rps: number; p50: number; p99: number; errors: number };
  ttft: { p50: number; p99: number };
  peakRssMb: number;
  soak?: { startRssMb: number; endRssMb: number; requests: number };
}

// One set of secrets for every app this script starts (lib/env parses them once per process).
const secrets = { AUTH_SECRET: randomBytes(32).toString("hex"), ENCRYPTION_KEY: randomBytes(32).toString("hex"), BROWSER_TOKEN_SECRET: randomBytes(32).toString("hex") };

async function benchGateway(label: string, mockUrl: string, port: number, extraEnv: Record<string, string>, soak: boolean): Promise<RunResult> {
  const app = await startApp({
    port,
    quiet: true,
    env: { DATABASE_URL, KEY_RPM: "100000000", ACCOUNT_RPM: "100000000", LOG_LEVEL: "warn", ...secrets, ...extraEnv },
  });
  try {
    const apiKey = await seedGatewayKey(app.dataDir, mockUrl);
    const target: Target = { origin: app.baseUrl, path: "/v1/chat/completions", headers: { authorization: `Bearer ${apiKey}` } };
    const pid = await listeningPid(port);
    let peak = 0;
    const sample = () => void (pid ? rssMb(pid).then((mb) => (peak = Math.max(peak, mb))) : undefined);
    console.log(`[bench] ${label}: sequential`);
    const one = await sequential(target, BODY);
    console.log(`[bench] ${label}: ${CONCURRENCY} clients`);
    const many = await concurrent(target, SECONDS, sample);
    console.log(`[bench] ${label}: streaming time to first token`);
    const ttft = await sequential(target, STREAM_BODY, true);
    let soakResult: RunResult["soak"];
    if (soak && pid) {
      console.log(`[bench] ${label}: ${SOAK_SECONDS}s of sustained load`);
      const startRssMb = await rssMb(pid);
      const run = await concurrent(target, SOAK_SECONDS, sample);
      soakResult = { startRssMb, endRssMb: await rssMb(pid), requests: Math.round(run.rps * SOAK_SECONDS) };
    }
    return { label, one, many, ttft, peakRssMb: peak, soak: soakResult };
  } finally {
    await app.stop();
  }
}

async function redisUrl(): Promise<string | null> {
  const url = process.env.BENCH_REDIS ?? "redis://127.0.0.1:6379";
  if (url === "off") return null;
  const { default: IORedis } = await import("ioredis");
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  const ok = await client.connect().then(() => client.ping()).then(() => true, () => false);
  client.disconnect();
  return ok ? url : null;
}

const mock = await startMock();
try {
  const mockUrl = new URL(mock.url);
  const direct: Target = { origin: mockUrl.origin, path: `${mockUrl.pathname}/chat/completions`, headers: { authorization: "Bearer gsk_test" } };
  console.log("[bench] mock directly");
  const directOne = await sequential(direct, DIRECT_BODY);
  const directMany = await concurrent(direct, SECONDS, undefined, DIRECT_BODY);
  const directTtft = await sequential(direct, DIRECT_STREAM_BODY, true);

  const runs = [await benchGateway("in-process limits", mock.url, 3391, { REDIS_URL: "", UPSTASH_REDIS_REST_URL: "" }, true)];
  const redis = await redisUrl();
  if (redis) runs.push(await benchGateway("Redis limits", mock.url, 3392, { REDIS_URL: redis, REDIS_KEY_PREFIX: `bench-${Date.now()}` }, false));

  const lines = [
    "# Benchmarks",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on this project's 2-core machine: the app in production mode`,
    `(\`npm start\`, ${DATABASE_URL ? "PostgreSQL server" : "embedded database"}) in front of a zero-latency mock provider on loopback, against calling that mock directly.`,
    "Load generator, app and mock share the two cores, so absolute numbers are pessimistic; the differences are what the gateway adds.",
    `Sequential runs: ${SEQUENTIAL} requests after 200 warm-up; concurrent runs: ${CONCURRENCY} clients for ${SECONDS} s.`,
    "",
    "| what | direct to mock | " + runs.map((r) => `gateway, ${r.label}`).join(" | ") + " |",
    "|---|---|" + runs.map(() => "---|").join(""),
    `| p50 latency, 1 client (ms) | ${fmt(directOne.p50)} | ` + runs.map((r) => `${fmt(r.one.p50)} (+${fmt(r.one.p50 - directOne.p50)})`).join(" | ") + " |",
    `| p99 latency, 1 client (ms) | ${fmt(directOne.p99)} | ` + runs.map((r) => `${fmt(r.one.p99)} (+${fmt(r.one.p99 - directOne.p99)})`).join(" | ") + " |",
    `| p50 latency, ${CONCURRENCY} clients (ms) | ${fmt(directMany.p50)} | ` + runs.map((r) => `${fmt(r.many.p50)} (+${fmt(r.many.p50 - directMany.p50)})`).join(" | ") + " |",
    `| p99 latency, ${CONCURRENCY} clients (ms) | ${fmt(directMany.p99)} | ` + runs.map((r) => `${fmt(r.many.p99)} (+${fmt(r.many.p99 - directMany.p99)})`).join(" | ") + " |",
    `| requests/s, ${CONCURRENCY} clients | ${Math.round(directMany.rps)} | ` + runs.map((r) => `${Math.round(r.many.rps)} (${r.many.errors} errors)`).join(" | ") + " |",
    `| time to first token, streaming, p50 (ms) | ${fmt(directTtft.p50)} | ` + runs.map((r) => `${fmt(r.ttft.p50)} (+${fmt(r.ttft.p50 - directTtft.p50)})`).join(" | ") + " |",
    `| time to first token, streaming, p99 (ms) | ${fmt(directTtft.p99)} | ` + runs.map((r) => `${fmt(r.ttft.p99)} (+${fmt(r.ttft.p99 - directTtft.p99)})`).join(" | ") + " |",
    `| peak RSS of the Next.js server (MB) | - | ` + runs.map((r) => fmt(r.peakRssMb)).join(" | ") + " |",
  ];
  const soak = runs[0].soak;
  if (soak) {
    lines.push(
      "",
      `Sustained load (${runs[0].label}): ${SOAK_SECONDS} s at ${CONCURRENCY} clients, ${soak.requests.toLocaleString("en-US")} requests;`,
      `server RSS ${fmt(soak.startRssMb)} MB at the start, ${fmt(soak.endRssMb)} MB at the end.`,
    );
  }
  lines.push("", "Targets (2-core machine): added p50 ≤ 1.5 ms at one client; added time to first token ≤ 3 ms; ≥ 1,000 requests/s at 32 clients;", "memory flat under sustained load; Redis limits add ≤ 0.5 ms at p50 over in-process limits.", "");
  await writeFile("docs/BENCHMARKS.md", lines.join("\n"));
  console.log(lines.join("\n"));
} finally {
  mock.stop();
}
process.exit(0);
