/**
 * What an operator sees: /metrics (Prometheus text, behind METRICS_TOKEN), one JSON log line per
 * request on stdout, and liveness vs readiness. This file runs its own app on the shared mocks and
 * database, with the database behind a proxy it can cut and a private redis-server it can stop.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import { readdir } from "node:fs/promises";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";
import { startRedisServer, type RedisServer } from "@/tests/support/redis-server";
import { freePort, MOCK_PROFILES, startApp, type MockedProvider } from "@/tests/support/stack";
import { startDatabaseProxy } from "@/tests/support/tcp-proxy";

type App = Awaited<ReturnType<typeof startApp>>;

const METRICS_TOKEN = randomBytes(24).toString("hex");
const PROMPT_MARKER = `prompt-marker-${randomBytes(6).toString("hex")}`;
let app: App;
let redis: RedisServer;
let database: Awaited<ReturnType<typeof startDatabaseProxy>>;
let stdout = "";

beforeAll(async () => {
  database = await startDatabaseProxy(inject("appDatabaseUrl"));
  redis = await startRedisServer();
  app = await startApp({
    port: await freePort(),
    env: {
      ...Object.fromEntries(Object.entries(inject("mockUrls")).map(([provider, url]) => [MOCK_PROFILES[provider as MockedProvider], url])),
      ...inject("appSecrets"),
      DATABASE_URL: database.url,
      // The shared database is embedded (one connection at a time), reached here through the proxy.
      FREELLMAPI_EMBEDDED_DB: "1",
      REDIS_URL: redis.url,
      // A loaded test machine must not read as a Redis outage (the default is 100 ms).
      REDIS_TIMEOUT_MS: "2000",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      KEY_RPM: "100000",
      ACCOUNT_RPM: "100000",
      METRICS_TOKEN,
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
    },
    onStdout: (text) => {
      stdout += text;
    },
  });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await redis?.stop();
  await database?.close();
});

const client = (apiKey: string) => new OpenAI({ baseURL: `${app.baseUrl}/v1`, apiKey, maxRetries: 0 });
const ask = (apiKey: string) =>
  client(apiKey)
    .chat.completions.create({ model: "auto", messages: [{ role: "user", content: PROMPT_MARKER }] })
    .withResponse();
const askStream = (apiKey: string) =>
  client(apiKey)
    .chat.completions.create({ model: "auto", stream: true, messages: [{ role: "user", content: `${PROMPT_MARKER} stream` }] })
    .withResponse();

async function scrape(): Promise<string> {
  const response = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The sum of every series of `name` whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => have[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

function requestLines(): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === "request");
}

describe("/metrics", () => {
  it("answers only the bearer of METRICS_TOKEN, and does not exist without it", async () => {
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const right = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await right.text()).toContain("# TYPE freellmapi_requests_total counter");

    // The shared app runs without METRICS_TOKEN.
    const off = await fetch(`${inject("appUrl")}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(off.status).toBe(404);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("counts answered requests, their attempts and upstream timings per provider", async () => {
    await mock.reset("groq");
    const { plaintext } = await createGatewayUser(["groq"]);
    const series = { protocol: "chat_completions", status: "200", provider: "groq" };
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await ask(plaintext)).response.status).toBe(200);
    const { data: stream } = await askStream(plaintext);
    for await (const chunk of stream) void chunk;
    const after = await eventually(
      scrape,
      (text) => sample(text, "freellmapi_requests_total", series) - sample(before, "freellmapi_requests_total", series) >= 4,
    );
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);

    expect(moved("freellmapi_requests_total", series)).toBe(4);
    expect(moved("freellmapi_upstream_attempts_total", { provider: "groq", result: "ok" })).toBe(4);
    expect(moved("freellmapi_upstream_attempt_duration_seconds_count", { provider: "groq", outcome: "ok" })).toBe(4);
    expect(moved("freellmapi_upstream_first_token_seconds_count", { provider: "groq" })).toBe(4);
    expect(moved("freellmapi_upstream_first_token_seconds_sum", { provider: "groq" })).toBeGreaterThan(0);
    expect(moved("freellmapi_request_duration_seconds_count", { protocol: "chat_completions" })).toBe(4);
    expect(moved("freellmapi_failovers_total", {})).toBe(0);
  });

  it("labels each request with the protocol it came in on", async () => {
    await mock.reset("groq");
    const { plaintext } = await createGatewayUser(["groq"]);
    const before = await scrape();
    const post = (route: string, body: unknown) =>
      fetch(`${app.baseUrl}${route}`, {
        method: "POST",
        headers: { "x-api-key": plaintext, "content-type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify(body),
      });
    expect((await post("/v1/messages", { model: "auto", max_tokens: 32, messages: [{ role: "user", content: PROMPT_MARKER }] })).status).toBe(200);
    expect((await post("/v1/responses", { model: "auto", input: PROMPT_MARKER })).status).toBe(200);
    expect((await post("/v1/completions", { model: "auto", prompt: PROMPT_MARKER, max_tokens: 16 })).status).toBe(200);
    const after = await eventually(
      scrape,
      (text) => sample(text, "freellmapi_requests_total", { provider: "groq" }) - sample(before, "freellmapi_requests_total", { provider: "groq" }) >= 3,
    );
    for (const protocol of ["messages", "responses", "completions"]) {
      const labels = { protocol, status: "200", provider: "groq" };
      expect(sample(after, "freellmapi_requests_total", labels) - sample(before, "freellmapi_requests_total", labels), protocol).toBe(1);
    }
  });

  it("counts a failover with its reason when the first provider fails", async () => {
    await mock.reset("cerebras", "groq");
    await mock.faults("cerebras", [{ kind: "server-error", status: 503 }]);
    const { plaintext } = await createGatewayUser(["cerebras", "groq"]);
    const before = await scrape();
    const { response } = await ask(plaintext);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);

    expect(moved("freellmapi_failovers_total", { provider: "cerebras", reason: "provider_unhealthy" })).toBe(1);
    expect(moved("freellmapi_upstream_attempts_total", { provider: "cerebras", result: "provider_unhealthy" })).toBe(1);
    expect(moved("freellmapi_upstream_attempt_duration_seconds_count", { provider: "cerebras", outcome: "error" })).toBe(1);
    expect(moved("freellmapi_requests_total", { protocol: "chat_completions", status: "200", provider: "groq" })).toBe(1);
    expect(moved("freellmapi_requests_total", { provider: "cerebras" })).toBe(0);
  });

  it("counts response-cache lookups: a miss, then a hit for the same request, bypass when the key's cache is off", async () => {
    const cached = await createGatewayUser(["groq"], { responseCache: true });
    const uncached = await createGatewayUser(["groq"]);
    const before = await scrape();
    expect((await ask(cached.plaintext)).response.headers.get("x-freellmapi-cache")).toBe("miss");
    const { response } = await eventually(
      () => ask(cached.plaintext),
      ({ response }) => response.headers.get("x-freellmapi-cache") === "hit",
    );
    expect(response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect((await ask(uncached.plaintext)).response.headers.get("x-freellmapi-cache")).toBe("bypass");
    const after = await scrape();
    const moved = (result: string) =>
      sample(after, "freellmapi_cache_lookups_total", { result }) - sample(before, "freellmapi_cache_lookups_total", { result });
    expect(moved("hit")).toBe(1);
    expect(moved("miss")).toBeGreaterThanOrEqual(1);
    expect(moved("bypass")).toBe(1);
  });

  it("counts limit rejections by limit, and requests refused before routing", async () => {
    const { plaintext } = await createGatewayUser(["groq"], { dailyRequestCap: 1 });
    const before = await scrape();
    expect((await ask(plaintext)).response.status).toBe(200);
    expect(await ask(plaintext).catch((error: unknown) => error)).toBeInstanceOf(OpenAI.RateLimitError);
    expect(await ask(`freellmapi-${"0".repeat(40)}`).catch((error: unknown) => error)).toBeInstanceOf(OpenAI.AuthenticationError);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);

    expect(moved("freellmapi_limit_rejections_total", { limit: "daily_requests" })).toBe(1);
    expect(moved("freellmapi_requests_total", { protocol: "chat_completions", status: "429", provider: "none" })).toBe(1);
    expect(moved("freellmapi_requests_total", { protocol: "chat_completions", status: "401", provider: "none" })).toBe(1);
  });

  it("starts with Redis healthy, no usage rows lost, and declares the cache counter", async () => {
    const text = await scrape();
    expect(text).toMatch(/^freellmapi_redis_degraded 0$/m);
    expect(text).toMatch(/^freellmapi_usage_rows_lost_total 0$/m);
    expect(text).toContain("# TYPE freellmapi_cache_lookups_total counter");
    expect(text).toMatch(/^freellmapi_process_resident_memory_bytes \d+/m);
  });
});

describe("request log lines", () => {
  it("writes one JSON line per request with ids, models, outcome, timing and tokens, never the key or the prompt", async () => {
    await mock.reset("cerebras", "groq");
    await mock.faults("cerebras", [{ kind: "server-error", status: 503 }]);
    const { user, plaintext } = await createGatewayUser(["cerebras", "groq"]);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { response } = await ask(plaintext);
      ids.push(response.headers.get("x-request-id")!);
    }
    const streamed = await askStream(plaintext);
    for await (const chunk of streamed.data) void chunk;
    ids.push(streamed.response.headers.get("x-request-id")!);

    const lines = await eventually(
      async () => requestLines().filter((line) => ids.includes(line.requestId as string)),
      (found) => found.length >= 3,
    );
    expect(lines.map((line) => line.requestId).sort()).toEqual([...ids].sort());
    const [failedOver, plain, stream] = ids.map((id) => lines.find((line) => line.requestId === id)!);
    expect(failedOver).toMatchObject({
      level: "info",
      protocol: "chat_completions",
      userId: user.id,
      requestedModel: "auto",
      provider: "groq",
      status: 200,
      errorCode: null,
      stream: false,
      attempts: 2,
      trail: [
        expect.objectContaining({ provider: "cerebras", result: "provider_unhealthy", status: 503 }),
        expect.objectContaining({ provider: "groq", result: "ok" }),
      ],
    });
    expect(failedOver.apiKeyId).toEqual(expect.any(String));
    expect(failedOver.model).toEqual(expect.any(String));
    expect(failedOver.latencyMs).toEqual(expect.any(Number));
    expect(failedOver.promptTokens as number).toBeGreaterThan(0);
    expect(failedOver.completionTokens as number).toBeGreaterThan(0);
    // The fault was for one call only: the next requests are answered by the first provider.
    expect(plain).toMatchObject({ provider: "cerebras", attempts: 1, status: 200 });
    expect(stream).toMatchObject({ provider: "cerebras", stream: true, status: 200 });
    expect(stdout).not.toContain(plaintext);
    expect(stdout).not.toContain(plaintext.slice("freellmapi-".length));
    expect(stdout).not.toContain(PROMPT_MARKER);
  });

  it("writes a line for a request refused before routing, with its status", async () => {
    const bad = `freellmapi-${randomBytes(20).toString("hex")}`;
    const refused = await fetch(`${app.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${bad}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: PROMPT_MARKER }] }),
    });
    expect(refused.status).toBe(401);
    const id = refused.headers.get("x-request-id")!;
    const [line] = await eventually(
      async () => requestLines().filter((l) => l.requestId === id),
      (found) => found.length > 0,
    );
    expect(line).toMatchObject({ status: 401, errorCode: "invalid_api_key", provider: null, attempts: 0, userId: null });
    expect(stdout).not.toContain(bad.slice("freellmapi-".length));
    expect(stdout).not.toContain(PROMPT_MARKER);
  });

  it("logs a client that hangs up in the middle of its body as 499 client_closed, not as a 500", async () => {
    const { user, plaintext } = await createGatewayUser(["groq"]);
    const before = await scrape();
    const socket = net.connect(Number(new URL(app.baseUrl).port), "127.0.0.1");
    await once(socket, "connect");
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${plaintext}\r\ncontent-type: application/json\r\ncontent-length: 10000\r\n\r\n`;
    socket.write(`${head}{"model":"auto","messages":[`);
    // Long enough for the handler to be waiting on the rest of the body.
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.destroy();

    const [line] = await eventually(
      async () => requestLines().filter((l) => l.userId === user.id),
      (found) => found.length > 0,
    );
    expect(line).toMatchObject({ status: 499, errorCode: "client_closed", provider: null, attempts: 0 });
    const after = await scrape();
    expect(sample(after, "freellmapi_requests_total", { status: "500" }) - sample(before, "freellmapi_requests_total", { status: "500" })).toBe(0);
  });
});

describe("liveness and readiness", () => {
  const get = async (route: string) => {
    const response = await fetch(`${app.baseUrl}${route}`);
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { checks?: Record<string, { status: string } & Record<string, unknown>> },
    };
  };

  it("is ready with every check named when the database, Redis, migrations and usage writes are fine", async () => {
    const shipped = (await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })).filter((entry) => entry.isDirectory()).length;
    const ready = await get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
    expect(ready.body.checks).toMatchObject({
      database: { status: "ok" },
      redis: { status: "ok" },
      migrations: { status: "ok", expected: shipped, pending: [] },
      usageWrites: { status: "ok" },
    });
    expect((ready.body.checks!.migrations.applied as number) >= shipped).toBe(true);
    expect((await get("/api/health/live")).status).toBe(200);
  });

  it("is not ready while Redis is down, and ready again once it is back; liveness holds", async () => {
    await redis.stop();
    try {
      const down = await get("/api/health/ready");
      expect(down.status).toBe(503);
      expect(down.body.checks).toMatchObject({ redis: { status: "down" }, database: { status: "ok" } });
      const live = await get("/api/health/live");
      expect(live.status).toBe(200);
      expect(live.body.status).toBe("ok");
      // A request still answers (limits fall back to this process), and Redis shows as degraded.
      const { plaintext } = await createGatewayUser(["groq"]);
      expect((await ask(plaintext)).response.status).toBe(200);
      expect(await scrape()).toMatch(/^freellmapi_redis_degraded 1$/m);
      // The compatible /api/health stays 200: Redis trouble degrades, it does not take the service down.
      const legacy = await get("/api/health");
      expect(legacy.status).toBe(200);
      expect(legacy.body).toMatchObject({ status: "degraded", redis: "degraded" });
    } finally {
      await redis.start();
    }
    const back = await eventually(
      () => get("/api/health/ready"),
      (r) => r.status === 200,
      15_000,
    );
    expect({ status: back.status, body: back.body }).toMatchObject({ status: 200, body: { status: "ready" } });
  });

  it("is not ready while the database is unreachable, and ready again once it is back; liveness holds", async () => {
    await database.cut();
    try {
      const down = await get("/api/health/ready");
      expect(down.status).toBe(503);
      expect(down.body.status).toBe("not_ready");
      expect(down.body.checks).toMatchObject({ database: { status: "down" }, migrations: { status: "unknown" }, redis: { status: "ok" } });
      expect((await get("/api/health/live")).status).toBe(200);
      expect((await get("/api/health")).status).toBe(503);
    } finally {
      await database.restore();
    }
    const back = await eventually(
      () => get("/api/health/ready"),
      (r) => r.status === 200,
      15_000,
    );
    expect({ status: back.status, body: back.body }).toMatchObject({ status: 200, body: { status: "ready" } });
  });
});
