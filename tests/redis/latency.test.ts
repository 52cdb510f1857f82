import { afterAll, describe, expect, it } from "vitest";
import { createRequestLimiter, type RequestLimiter, parseIdentifier } from "@/lib/limits";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const connection = connect(prefix, { timeoutMs: 1_000 });
const raw = rawClient();
const policy = { keyRpm: 1_000_000, accountRpm: 1_000_000, windowMs: 60_000 };

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await connection.close();
  raw.disconnect();
});

async function timeChecks(limiter: RequestLimiter, n: number) {
  const input = { userId: "u-lat", apiKeyId: "k-lat", identifier: parseIdentifier("end-user"), dailyRequestCap: 10_000_000, dailyTokenCap: 10_000_000 };
  for (let i = 0; i < 200; i++) await limiter.check(input); // warm up: script loaded, JIT
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await limiter.check(input);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(n * 0.5)], p99: samples[Math.floor(n * 0.99)] };
}

describe("cost of the limit check", () => {
  it("adds well under 0.5 ms at p50 over the in-process limiter (one round trip)", async () => {
    const shared = await timeChecks(createRequestLimiter({ connection, policy }), 3_000);
    const local = await timeChecks(createRequestLimiter({ connection: null, policy }), 3_000);
    console.info(`limit check p50/p99: redis ${shared.p50.toFixed(3)}/${shared.p99.toFixed(3)} ms, memory ${local.p50.toFixed(3)}/${local.p99.toFixed(3)} ms`);
    expect(connection.health.status).toBe("ok");
    expect(shared.p50 - local.p50).toBeLessThan(0.5);
  });
});
