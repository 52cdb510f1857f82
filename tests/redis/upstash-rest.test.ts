import { randomBytes } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { createRedisConnection, type RedisConnection } from "@/lib/redis/redis-connection";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRestServer, type UpstashRestServer } from "@/tests/support/upstash-rest-server";
import { deadPort } from "./freezable-proxy";
import { deleteByPrefix, rawClient, REDIS_URL, uniquePrefix } from "./redis-test-helpers";

// `@upstash/redis`'s own HTTP client (what a hosted deployment runs) against the REST test server.
const prefix = uniquePrefix();
const k = (name: string) => `${prefix}:${name}`;
const raw = rawClient();
const token = randomBytes(16).toString("hex");
let server: UpstashRestServer;
let connection: RedisConnection;
let redis: Redis;

beforeAll(async () => {
  server = await startUpstashRestServer({ redisUrl: REDIS_URL, token });
  // The client exactly as the app configures it for UPSTASH_REDIS_REST_URL.
  connection = createRedisConnection({ kind: "upstash", url: server.url, token, timeoutMs: 1_000, prefix })!;
  redis = connection.redis;
});

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await connection.close();
  await server.close();
  raw.disconnect();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("Upstash REST protocol, through @upstash/redis's HTTP client", () => {
  it("asks for base64 answers and decodes them, non-ASCII text and JSON values included", async () => {
    const text = "héllo ✓ 🚀";
    expect(await redis.set(k("text"), text)).toBe("OK");
    expect(await redis.get(k("text"))).toBe(text);
    await redis.set(k("json"), { models: ["a", "b"], n: 2 });
    expect(await redis.get(k("json"))).toEqual({ models: ["a", "b"], n: 2 });
    expect(await raw.get(k("text"))).toBe(text);
    expect(server.requests.at(-1)).toEqual({ path: "/", encoding: "base64" });
    // What went over the wire: the string base64-encoded, a bare OK and numbers as they are.
    expect(await post("/", ["GET", k("text")], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: Buffer.from(text).toString("base64") },
    });
    expect(await post("/", ["GET", k("text")])).toEqual({ status: 200, body: { result: text } });
    expect(await post("/", ["SET", k("n"), "1"], { "upstash-encoding": "base64" })).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["INCR", k("n")], { "upstash-encoding": "base64" })).toEqual({ status: 200, body: { result: 2 } });
  });

  it("answers a command error with 400 and the client rejects it", async () => {
    await redis.set(k("str"), "x");
    await expect(redis.hincrby(k("str"), "f", 1)).rejects.toThrow(/WRONGTYPE/);
    expect(await post("/", ["HINCRBY", k("str"), "f", "1"])).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^WRONGTYPE/) } });
    expect(await redis.ping()).toBe("PONG");
  });

  it("refuses a missing or wrong token with 401", async () => {
    const wrong = new Redis({ url: server.url, token: "not-the-token", retry: false, enableTelemetry: false, enableAutoPipelining: false });
    await expect(wrong.get(k("text"))).rejects.toThrow(/Unauthorized/);
    expect((await fetch(server.url, { method: "POST", body: JSON.stringify(["PING"]) })).status).toBe(401);
  });

  it("sends a pipeline to /pipeline, one answer per command, errors kept in place", async () => {
    await redis.set(k("s"), "x");
    const results = await redis.pipeline().incr(k("p")).set(k("q"), "ünï").get(k("q")).hincrby(k("s"), "f", 1).exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual([1, "OK", "ünï", undefined]);
    expect(results[3].error).toMatch(/WRONGTYPE/);
    expect(server.requests.at(-1)).toEqual({ path: "/pipeline", encoding: "base64" });
  });

  it("runs a transaction through /multi-exec", async () => {
    const results = await redis.multi().set(k("m"), "1").incr(k("m")).pexpire(k("m"), 10_000).exec();
    expect(results).toEqual(["OK", 2, 1]);
    expect(server.requests.at(-1)?.path).toBe("/multi-exec");
    expect(await raw.pttl(k("m"))).toBeGreaterThan(9_000);
  });

  it("@upstash/ratelimit's scripts (EVALSHA, then EVAL) limit through the REST path", async () => {
    const limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(3, "10 s"), prefix: k("rl"), ephemeralCache: false });
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await limiter.limit("caller")).success);
    expect(results).toEqual([true, true, true, false, false]);
  });

  it("the client's retries ride over dropped connections; the app's `retry: false` still tries twice, at once", async () => {
    const retrying = new Redis({ url: server.url, token, retry: { retries: 3, backoff: () => 10 }, enableTelemetry: false, enableAutoPipelining: false });
    server.dropNext(3);
    expect(await retrying.incr(k("retried"))).toBe(1);
    // @upstash/redis 1.x counts `retry: false` as one retry with no backoff.
    server.dropNext(1);
    expect(await redis.incr(k("retried"))).toBe(2);
    const before = server.requests.length;
    server.dropNext(2);
    await expect(redis.incr(k("retried"))).rejects.toThrow();
    expect(server.requests.length - before).toBe(2);
    expect(await raw.get(k("retried"))).toBe("2");
  });

  it("a Redis behind the server that is down is a 503, not a hang", async () => {
    const down = new Redis({ url: server.urlFor(await deadPort()), token, retry: false, enableTelemetry: false, enableAutoPipelining: false });
    const started = performance.now();
    await expect(down.ping()).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
