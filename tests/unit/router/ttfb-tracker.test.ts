import { describe, expect, it } from "vitest";
import { TtfbTracker } from "@/lib/router/ttfb-tracker";

describe("TtfbTracker", () => {
  it("has no p95 before 5 samples, then the 95th percentile of what came in", () => {
    const tracker = new TtfbTracker();
    for (const ms of [40, 10, 30, 20]) tracker.record("groq", "m", ms);
    expect(tracker.p95("groq", "m")).toBeUndefined();
    tracker.record("groq", "m", 50);
    expect(tracker.p95("groq", "m")).toBe(50);
    expect(tracker.p95("groq", "other")).toBeUndefined();
  });

  it("keeps the last 50 samples: the p95 follows them, numerically sorted, and moves with each new one", () => {
    const tracker = new TtfbTracker();
    // 1..100 in a shuffled order; the last 50 recorded are what count.
    const order = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    for (const ms of order) tracker.record("groq", "m", ms);
    const last = order.slice(-50).sort((a, b) => a - b);
    expect(tracker.p95("groq", "m")).toBe(last[47]);
    // 9 and 10 sort as numbers, not as text ("10" < "9").
    const small = new TtfbTracker();
    for (const ms of [9, 10, 9, 9, 9]) small.record("groq", "m", ms);
    expect(small.p95("groq", "m")).toBe(10);
    tracker.record("groq", "m", 1_000);
    tracker.record("groq", "m", 1_000);
    tracker.record("groq", "m", 1_000);
    expect(tracker.p95("groq", "m")).toBe(1_000);
  });
});
