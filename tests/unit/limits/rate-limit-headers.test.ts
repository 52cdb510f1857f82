import { describe, expect, it } from "vitest";
import { rateLimitHeaders, retryAfterSeconds } from "@/lib/limits";

describe("rateLimitHeaders", () => {
  it("gives limit, remaining and the reset as epoch seconds (rounded up)", () => {
    expect(rateLimitHeaders({ limit: 600, remaining: 599, resetAt: 1_700_000_000_001 })).toEqual({
      "X-RateLimit-Limit": "600",
      "X-RateLimit-Remaining": "599",
      "X-RateLimit-Reset": "1700000001",
    });
  });

  it("adds Retry-After in whole seconds, never 0, only when asked", () => {
    expect(rateLimitHeaders({ limit: 1, remaining: 0, resetAt: 0 }, 1_200)["Retry-After"]).toBe("2");
    expect(rateLimitHeaders({ limit: 1, remaining: 0, resetAt: 0 }, 3)["Retry-After"]).toBe("1");
    expect(rateLimitHeaders({ limit: 1, remaining: 0, resetAt: 0 })).not.toHaveProperty("Retry-After");
    expect(retryAfterSeconds(60_000)).toBe(60);
  });

  it("never shows a negative remaining count", () => {
    expect(rateLimitHeaders({ limit: 5, remaining: -3, resetAt: 0 })["X-RateLimit-Remaining"]).toBe("0");
  });
});
