import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { createRequestLimiter } from "@/lib/limits";
import { createRoutingState } from "@/lib/routing-state/create-routing-state";
import { closeRedisConnection, getRedisConnection, getRedisHealth } from "@/lib/redis/redis-connection";
import { deadPort, startFreezableProxy } from "./freezable-proxy";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const raw = rawClient();
const policy = { keyRpm: 5, accountRpm: 1_000, windowMs: 60_000 };
// A REST round trip on a busy test machine can take longer than 100 ms by itself.
const TIMEOUT = inject("upstashRest") ? 300 : 100;

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  raw.disconnect();
});

describe("when Redis has trouble", () => {
  it("Redis down: limits answer from memory within the timeout, health degraded, one warning", async () => {
    const warn = vi.fn();
    const connection = connect(prefix, { url: `redis://127.0.0.1:${await deadPort()}`, timeoutMs: TIMEOUT, warn });
    try {
      const limiter = createRequestLimiter({ connection, policy });
      const key = { userId: "u-down", apiKeyId: "k-down" };
      const started = performance.now();
      const results = [];
      for (let i = 0; i < 8; i++) results.push(await limiter.check(key));
      expect(performance.now() - started).toBeLessThan(TIMEOUT * 2);
      expect(results.filter((r) => r.ok)).toHaveLength(5); // the in-process limiter still limits
      expect(connection.health.status).toBe("degraded");
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      await connection.close();
    }
  });

  it("Redis hangs: one request waits at most the timeout, later ones skip Redis; recovery resumes shared counting", async () => {
    const proxy = await startFreezableProxy();
    const connection = connect(prefix, { url: proxy.url, timeoutMs: TIMEOUT, probeIntervalMs: 50 });
    try {
      const limiter = createRequestLimiter({ connection, policy });
      const key = { userId: "u-hang", apiKeyId: "k-hang" };
      expect((await limiter.check(key)).ok).toBe(true);
      expect(connection.health.status).toBe("ok");

      proxy.freeze();
      let started = performance.now();
      expect((await limiter.check(key)).ok).toBe(true);
      const firstWait = performance.now() - started;
      expect(firstWait).toBeGreaterThanOrEqual(TIMEOUT - 5);
      expect(firstWait).toBeLessThan(TIMEOUT + 60);
      expect(connection.health.status).toBe("degraded");
      started = performance.now();
      await limiter.check(key);
      expect(performance.now() - started).toBeLessThan(20);
      expect(limiter.memory.size).toBeGreaterThan(0);

      proxy.thaw();
      await vi.waitFor(() => expect(connection.health.status).toBe("ok"), { timeout: 2_000, interval: 20 });
      const minute = Math.floor(Date.now() / 60_000);
      const before = Number(await raw.get(`${prefix}:rl:m:${minute}:k:k-hang`));
      await limiter.check(key);
      expect(Number(await raw.get(`${prefix}:rl:m:${minute}:k:k-hang`))).toBe(before + 1);
    } finally {
      proxy.thaw();
      await connection.close();
      await proxy.close();
    }
  });

  it("routing state keeps serving from memory, including blocks learned before Redis went away", async () => {
    const proxy = await startFreezableProxy();
    const connection = connect(prefix, { url: proxy.url, timeoutMs: TIMEOUT, probeIntervalMs: 50 });
    try {
      const state = createRoutingState(connection);
      const windows = () => ({ minute: Math.floor(Date.now() / 60_000), day: "2026-11-21" });
      const until = Date.now() + 60_000;
      await state.block("pk-deg:m", until, "rate_limited");
      expect(await raw.zscore(`${prefix}:rs:blocked`, "pk-deg:m")).toBe(String(until));

      proxy.freeze();
      const snap = await state.snapshot(["pk-deg:m", "pk-other:m"], windows);
      expect(connection.health.status).toBe("degraded");
      expect(snap.get("pk-deg:m")).toMatchObject({ blockedUntil: until, reason: "rate_limited" });
      await state.recordFailure("pk-other:m", { threshold: 1, cooldownMs: 5_000 });
      expect((await state.snapshot(["pk-other:m"], windows)).get("pk-other:m")!.breaker.state).toBe("open");
      expect((await state.listBlocked("pk-")).map((e) => e.target).sort()).toEqual(["pk-deg:m", "pk-other:m"]);
    } finally {
      proxy.thaw();
      await connection.close();
      await proxy.close();
    }
  });

  it("the process-wide client follows REDIS_URL and reports ok", async () => {
    expect(getRedisConnection()).not.toBeNull();
    expect(await getRedisConnection()!.redis.ping()).toBe("PONG");
    expect(getRedisHealth()).toBe("ok");
    await closeRedisConnection();
  });
});
