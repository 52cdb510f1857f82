import { describe, expect, it } from "vitest";
import { createRequestLimiter, parseIdentifier } from "@/lib/limits";

const DAY = 86_400_000;
// Five seconds into a minute, far from any day boundary.
const START = Date.UTC(2026, 10, 21, 12, 0, 5);

function setup(policy = { keyRpm: 10, accountRpm: 1_000, windowMs: 60_000 }) {
  let now = START;
  const limiter = createRequestLimiter({ connection: null, policy, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

const key = { userId: "u1", apiKeyId: "k1" };

describe("in-process request limits", () => {
  it("allows exactly the key's requests per minute, then 429s with retry information", async () => {
    const { limiter } = setup();
    const results = await Promise.all(Array.from({ length: 25 }, () => limiter.check(key)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.at(-1)!;
    expect(refused).toMatchObject({ ok: false, limit: "key_rpm" });
    if (refused.ok) throw new Error("unreachable");
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.headers).toMatchObject({ "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "Retry-After": String(refused.retryAfterSeconds) });
    expect(results[0].headers["X-RateLimit-Remaining"]).toBe("9");
  });

  it("lets the caller in again once Retry-After has passed", async () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 10; i++) await limiter.check(key);
    const refused = await limiter.check(key);
    if (refused.ok) throw new Error("expected a refusal");
    advance(refused.retryAfterSeconds * 1000);
    expect((await limiter.check(key)).ok).toBe(true);
  });

  it("gives each end user their own bucket under the key's policy", async () => {
    const { limiter } = setup();
    const alice = await Promise.all(Array.from({ length: 12 }, () => limiter.check({ ...key, identifier: parseIdentifier("alice") })));
    const bob = await Promise.all(Array.from({ length: 12 }, () => limiter.check({ ...key, identifier: parseIdentifier("bob") })));
    expect(alice.filter((r) => r.ok)).toHaveLength(10);
    expect(bob.filter((r) => r.ok)).toHaveLength(10);
    expect(alice.at(-1)).toMatchObject({ ok: false, limit: "identifier_rpm" });
    // The key-wide bucket (no identifier) was not spent by its end users.
    expect((await limiter.check(key)).ok).toBe(true);
  });

  it("caps the account across all of its keys, without spending a key's budget on a refusal", async () => {
    const { limiter } = setup({ keyRpm: 10, accountRpm: 15, windowMs: 60_000 });
    const a = await Promise.all(Array.from({ length: 10 }, () => limiter.check({ userId: "u1", apiKeyId: "a" })));
    const b = await Promise.all(Array.from({ length: 10 }, () => limiter.check({ userId: "u1", apiKeyId: "b" })));
    expect(a.every((r) => r.ok)).toBe(true);
    expect(b.filter((r) => r.ok)).toHaveLength(5);
    expect(b.at(-1)).toMatchObject({ ok: false, limit: "account_rpm" });
    // Another tenant is untouched.
    expect((await limiter.check({ userId: "u2", apiKeyId: "c" })).ok).toBe(true);
  });

  it("enforces the key's daily request cap until the next UTC day", async () => {
    const { limiter, advance } = setup({ keyRpm: 100, accountRpm: 100, windowMs: 60_000 });
    const capped = { ...key, dailyRequestCap: 3 };
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await limiter.check(capped));
      advance(61_000); // new minutes: only the daily cap can refuse
    }
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    const refused = results[3];
    if (refused.ok) throw new Error("unreachable");
    expect(refused.limit).toBe("daily_requests");
    const midnight = Date.UTC(2026, 10, 22);
    expect(Number(refused.headers["X-RateLimit-Reset"])).toBe(midnight / 1000);
    advance(DAY);
    expect((await limiter.check(capped)).ok).toBe(true);
  });

  it("enforces a monthly request cap across days, refusing until the calendar month ends (UTC)", async () => {
    const { limiter, advance } = setup({ keyRpm: 100, accountRpm: 100, windowMs: 60_000 });
    const capped = { ...key, dailyRequestCap: 10, monthlyRequestCap: 3 };
    expect((await limiter.check(capped)).ok).toBe(true);
    advance(DAY);
    expect((await limiter.check(capped)).ok).toBe(true);
    expect((await limiter.check(capped)).ok).toBe(true);
    advance(DAY);
    const refused = await limiter.check(capped);
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.limit).toBe("monthly_requests");
    const monthEnd = Date.UTC(2026, 11, 1);
    expect(refused.retryAfterSeconds).toBe(Math.ceil((monthEnd - (START + 2 * DAY)) / 1000));
    expect(Number(refused.headers["X-RateLimit-Reset"])).toBe(monthEnd / 1000);
    // A refusal spends nothing; the first request of December is let in.
    advance(monthEnd - (START + 2 * DAY));
    expect((await limiter.check(capped)).ok).toBe(true);
  });

  it("enforces a monthly token cap once recorded tokens reach it, and reports the tightest remaining", async () => {
    const { limiter } = setup({ keyRpm: 100, accountRpm: 100, windowMs: 60_000 });
    const capped = { ...key, apiKeyId: "k-mt", monthlyTokenCap: 500, monthlyRequestCap: 50 };
    const first = await limiter.check(capped);
    expect(first.headers).toMatchObject({ "X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49" });
    await limiter.recordTokens({ apiKeyId: "k-mt", tokens: 500 });
    expect(await limiter.check(capped)).toMatchObject({ ok: false, limit: "monthly_tokens" });
  });

  it("enforces the daily token cap once recorded usage reaches it, per end user", async () => {
    const { limiter } = setup({ keyRpm: 100, accountRpm: 100, windowMs: 60_000 });
    const capped = { ...key, dailyTokenCap: 1_000 };
    expect((await limiter.check(capped)).ok).toBe(true);
    await limiter.recordTokens({ apiKeyId: "k1", tokens: 999 });
    expect((await limiter.check(capped)).ok).toBe(true);
    await limiter.recordTokens({ apiKeyId: "k1", tokens: 1 });
    expect(await limiter.check(capped)).toMatchObject({ ok: false, limit: "daily_tokens" });
    // An end user's tokens are their own.
    expect((await limiter.check({ ...capped, identifier: parseIdentifier("alice") })).ok).toBe(true);
  });

  it("keeps memory flat: old windows are swept", async () => {
    const { limiter, advance } = setup({ keyRpm: 100, accountRpm: 100_000, windowMs: 60_000 });
    for (let i = 0; i < 2_000; i++) await limiter.check({ ...key, identifier: parseIdentifier(`user-${i}`) });
    expect(limiter.memory.size).toBeGreaterThan(4_000);
    advance(DAY + 3 * 60_000);
    await limiter.check(key);
    // Each bucket's calendar-month count outlives its day (the monthly caps need it) ...
    expect(limiter.memory.size).toBeLessThanOrEqual(2_001 + 4);
    // ... and goes once that month is over: what is left is k1's minute, day and month, and the account's minute.
    advance(32 * DAY);
    await limiter.check(key);
    expect(limiter.memory.size).toBeLessThanOrEqual(4);
  });
});
