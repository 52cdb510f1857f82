import { afterAll, describe, expect, it } from "vitest";
import { createRequestLimiter, parseIdentifier } from "@/lib/limits";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
// Two connections stand for two app instances sharing one Redis.
const first = connect(prefix);
const second = connect(prefix);
const raw = rawClient();
const policy = { keyRpm: 10, accountRpm: 1_000, windowMs: 60_000 };
const instanceA = createRequestLimiter({ connection: first, policy });
const instanceB = createRequestLimiter({ connection: second, policy });
let ids = 0;
const fresh = () => ({ userId: `u${++ids}`, apiKeyId: `k${ids}` });

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await Promise.all([first.close(), second.close()]);
  raw.disconnect();
});

describe("request limits in Redis", () => {
  it("25 concurrent checks against 10/min: exactly 10 pass, across two instances", async () => {
    const key = fresh();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => (i % 2 ? instanceA : instanceB).check(key)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, limit: "key_rpm", headers: { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0" } });
    expect(Number(refused!.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(first.health.status).toBe("ok");
  });

  it("counts in Redis, not in the process", async () => {
    const key = fresh();
    await instanceA.check(key);
    expect(instanceA.memory.size).toBe(0);
    const minute = Math.floor(Date.now() / 60_000);
    expect(await raw.get(`${prefix}:rl:m:${minute}:k:${key.apiKeyId}`)).toBe("1");
  });

  it("keeps end users' buckets independent", async () => {
    const key = fresh();
    const alice = await Promise.all(Array.from({ length: 15 }, () => instanceA.check({ ...key, identifier: parseIdentifier("alice") })));
    const bob = await Promise.all(Array.from({ length: 15 }, () => instanceB.check({ ...key, identifier: parseIdentifier("bob") })));
    expect(alice.filter((r) => r.ok)).toHaveLength(10);
    expect(bob.filter((r) => r.ok)).toHaveLength(10);
    expect(alice.find((r) => !r.ok)).toMatchObject({ limit: "identifier_rpm" });
  });

  it("holds the account ceiling across keys, and a refusal spends nothing", async () => {
    const limiter = createRequestLimiter({ connection: first, policy: { keyRpm: 10, accountRpm: 12, windowMs: 60_000 } });
    const userId = fresh().userId;
    const a = await Promise.all(Array.from({ length: 8 }, () => limiter.check({ userId, apiKeyId: `${userId}-a` })));
    const b = await Promise.all(Array.from({ length: 8 }, () => limiter.check({ userId, apiKeyId: `${userId}-b` })));
    expect([...a, ...b].filter((r) => r.ok)).toHaveLength(12);
    expect(b.find((r) => !r.ok)).toMatchObject({ limit: "account_rpm" });
    const minute = Math.floor(Date.now() / 60_000);
    expect(Number(await raw.get(`${prefix}:rl:m:${minute}:k:${userId}-b`))).toBe(4);
  });

  it("enforces the daily request cap", async () => {
    const key = { ...fresh(), dailyRequestCap: 4 };
    const results = await Promise.all(Array.from({ length: 7 }, () => instanceA.check(key)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.find((r) => !r.ok)).toMatchObject({ limit: "daily_requests" });
  });

  it("enforces the daily token cap once recorded tokens reach it, visible to the other instance", async () => {
    const key = { ...fresh(), dailyTokenCap: 500 };
    expect((await instanceA.check(key)).ok).toBe(true);
    await instanceA.recordTokens({ apiKeyId: key.apiKeyId, tokens: 300 });
    expect((await instanceB.check(key)).ok).toBe(true);
    await instanceB.recordTokens({ apiKeyId: key.apiKeyId, tokens: 200 });
    const refused = await instanceA.check(key);
    expect(refused).toMatchObject({ ok: false, limit: "daily_tokens" });
    if (refused.ok) throw new Error("unreachable");
    const secondsToMidnight = (86_400_000 - (Date.now() % 86_400_000)) / 1000;
    expect(Math.abs(refused.retryAfterSeconds - secondsToMidnight)).toBeLessThan(5);
  });

  it("enforces a monthly request cap across instances, with Retry-After to the end of the month", async () => {
    const key = { ...fresh(), monthlyRequestCap: 3 };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? instanceA : instanceB).check(key)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.find((r) => !r.ok);
    if (!refused || refused.ok) throw new Error("expected a refusal");
    expect(refused.limit).toBe("monthly_requests");
    const now = new Date();
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(Math.abs(refused.retryAfterSeconds - (monthEnd - Date.now()) / 1000)).toBeLessThan(5);
    const month = now.getUTCFullYear() * 12 + now.getUTCMonth();
    expect(await raw.get(`${prefix}:rl:mo:${month}:r:k:${key.apiKeyId}`)).toBe("3");
  });

  it("enforces a monthly token cap from tokens either instance recorded", async () => {
    const key = { ...fresh(), monthlyTokenCap: 100 };
    expect((await instanceA.check(key)).ok).toBe(true);
    await instanceB.recordTokens({ apiKeyId: key.apiKeyId, tokens: 100 });
    expect(await instanceA.check(key)).toMatchObject({ ok: false, limit: "monthly_tokens" });
  });

  it("sets TTLs so every limit key expires on its own", async () => {
    const key = { ...fresh(), identifier: parseIdentifier("carol") };
    await instanceA.check(key);
    await instanceA.recordTokens({ ...key, tokens: 10 });
    const keys = (await raw.keys(`${prefix}:rl:*${key.apiKeyId}*`)).concat(await raw.keys(`${prefix}:rl:*a:${key.userId}`));
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const name of keys) {
      const ttl = await raw.pttl(name);
      expect(ttl, name).toBeGreaterThan(0);
      // Month counts live until an hour after their calendar month.
      expect(ttl, name).toBeLessThanOrEqual((name.includes(":mo:") ? 32 : 2) * 86_400_000);
    }
  });
});
