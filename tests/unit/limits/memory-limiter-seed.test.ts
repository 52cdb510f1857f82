import { describe, expect, it } from "vitest";
import { MemoryLimiter } from "@/lib/limits/memory-limiter";
import { planLimits, readLimitPolicy } from "@/lib/limits/limit-policy";

describe("MemoryLimiter.seedMonth", () => {
  it("counts this month's requests from before a restart against the monthly cap, and not next month's", () => {
    const now = Date.UTC(2026, 11, 30, 10);
    const plan = planLimits(readLimitPolicy({}), { userId: "u", apiKeyId: "k", monthlyRequestCap: 3 });
    const limiter = new MemoryLimiter();
    limiter.seedMonth(plan.bucket, 3, 40, now);
    const counts = limiter.check(plan, now);
    expect(counts).toMatchObject({ monthRequests: 3, monthTokens: 40, dayRequests: 0 });
    // Refused, so not counted.
    expect(limiter.check(plan, now + 1).monthRequests).toBe(3);
    expect(limiter.check(plan, Date.UTC(2027, 0, 1)).monthRequests).toBe(0);
  });
});

describe("MemoryLimiter.seedDay", () => {
  it("counts today's requests from before a restart against the daily cap", () => {
    const now = Date.UTC(2026, 11, 1, 10);
    const plan = planLimits(readLimitPolicy({}), { userId: "u", apiKeyId: "k", dailyRequestCap: 3 });
    const limiter = new MemoryLimiter();
    limiter.seedDay(plan.bucket, 2, 0, now);
    expect(limiter.check(plan, now).dayRequests).toBe(2);
    expect(limiter.check(plan, now + 1).dayRequests).toBe(3);
    // A seed never lowers what this process counted itself.
    limiter.seedDay(plan.bucket, 1, 0, now);
    expect(limiter.check(plan, now + 2).dayRequests).toBe(3);
    // The next UTC day starts from zero.
    expect(limiter.check(plan, now + 86_400_000).dayRequests).toBe(0);
  });
});
