import type { Redis } from "@upstash/redis";
import { describe, expect, it, vi } from "vitest";
import type { RedisConnection } from "@/lib/redis/redis-connection";
import { RedisHealth } from "@/lib/redis/redis-health";
import { withRedis } from "@/lib/redis/with-redis";

function fakeConnection(ping: () => Promise<unknown>, warn = vi.fn()) {
  const health = new RedisHealth({ ping, probeIntervalMs: 10, warn });
  const connection: RedisConnection = { redis: {} as Redis, health, timeoutMs: 30, prefix: "t", close: async () => health.close() };
  return { connection, health, warn };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withRedis fallback", () => {
  it("uses the fallback when there is no Redis at all", async () => {
    expect(
      await withRedis(
        null,
        async () => "shared",
        () => "local",
      ),
    ).toBe("local");
  });

  it("answers from the fallback when Redis fails, marks degraded and warns once", async () => {
    const { connection, health, warn } = fakeConnection(() => Promise.reject(new Error("down")));
    const operation = vi.fn(async () => {
      throw new Error("ECONNREFUSED");
    });
    expect(await withRedis(connection, operation, () => "local")).toBe("local");
    expect(health.status).toBe("degraded");
    // While degraded Redis is skipped, and the failing probe does not warn again within the minute.
    for (let i = 0; i < 5; i++) expect(await withRedis(connection, operation, () => "local")).toBe("local");
    await sleep(50);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain("ECONNREFUSED");
    connection.close();
  });

  it("warns without the failed command: Upstash's errors quote its keys, which name users, keys and end users", async () => {
    const { connection, warn } = fakeConnection(() => Promise.reject(new Error("down")));
    const operation = async () => {
      throw new Error('ERR Redis connection is reconnecting, command was: ["evalsha","[redacted]",1,"freellmapi:rl:m:1:k:key-id:i:end-user-7"]');
    };
    expect(await withRedis(connection, operation, () => "local")).toBe("local");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain("ERR Redis connection is reconnecting");
    expect(warn.mock.calls[0][0]).not.toMatch(/command was|end-user-7|key-id/);
    connection.close();
  });

  it("does not wait longer than the timeout for a Redis that never answers", async () => {
    const { connection, health } = fakeConnection(() => new Promise(() => undefined));
    const started = performance.now();
    const value = await withRedis(
      connection,
      () => new Promise<string>(() => undefined),
      () => "local",
    );
    expect(value).toBe("local");
    expect(performance.now() - started).toBeLessThan(200);
    expect(health.status).toBe("degraded");
    connection.close();
  });

  it("returns to the shared backend once a probe PING succeeds", async () => {
    let up = false;
    const { connection, health, warn } = fakeConnection(async () => {
      if (!up) throw new Error("still down");
      return "PONG";
    });
    await withRedis(
      connection,
      () => Promise.reject(new Error("down")),
      () => "local",
    );
    await sleep(40);
    expect(health.status).toBe("degraded");
    up = true;
    await vi.waitFor(() => expect(health.status).toBe("ok"), { timeout: 500, interval: 5 });
    expect(
      await withRedis(
        connection,
        async () => "shared",
        () => "local",
      ),
    ).toBe("shared");
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining("reachable again"));
    connection.close();
  });

  it("warns again after a minute of continued trouble", () => {
    vi.useFakeTimers();
    try {
      const { health, warn } = fakeConnection(() => Promise.reject(new Error("down")));
      health.reportFailure(new Error("a"));
      health.reportFailure(new Error("b"));
      expect(warn).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 60_000);
      health.reportFailure(new Error("c"));
      expect(warn).toHaveBeenCalledTimes(2);
      health.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
