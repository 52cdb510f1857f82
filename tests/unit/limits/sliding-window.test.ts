import { describe, expect, it } from "vitest";
import { slidingWindow } from "@/lib/limits/sliding-window";

const W = 60_000;

describe("slidingWindow", () => {
  it("allows exactly `limit` requests in a window with an empty previous window", () => {
    let current = 0;
    const outcomes = Array.from({ length: 12 }, () => {
      const outcome = slidingWindow(0, current, 10, 5_000, W);
      if (outcome.allowed) current += 1;
      return outcome;
    });
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
    expect(outcomes[0].remaining).toBe(9);
    expect(outcomes[9].remaining).toBe(0);
    expect(outcomes[10]).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("weights the previous window by how much of it still overlaps", () => {
    // Half way through: 10 previous requests count as 5, so 5 more fit under 10.
    expect(slidingWindow(10, 4, 10, W / 2, W).allowed).toBe(true);
    expect(slidingWindow(10, 5, 10, W / 2, W).allowed).toBe(false);
    // At the very end of the window the previous one no longer counts.
    expect(slidingWindow(10, 8, 10, W - 1, W).allowed).toBe(true);
    expect(slidingWindow(10, 9, 10, W - 1, W).allowed).toBe(false);
  });

  it("says exactly how long to wait: refused 1 ms before, allowed at retryAfterMs", () => {
    for (const [previous, current, elapsed] of [
      [10, 5, 30_000],
      [14, 0, 1_000],
      [0, 10, 45_000],
      [3, 12, 59_999],
    ]) {
      const { allowed, retryAfterMs } = slidingWindow(previous, current, 10, elapsed, W);
      expect(allowed).toBe(false);
      // Re-evaluate at now + retryAfterMs, rolling into the next window when it crosses.
      const at = (delta: number) => {
        const t = elapsed + delta;
        return t < W ? slidingWindow(previous, current, 10, t, W) : slidingWindow(current, 0, 10, t - W, W);
      };
      expect(at(retryAfterMs).allowed).toBe(true);
      expect(at(retryAfterMs - 1).allowed).toBe(false);
    }
  });
});
