import { describe, expect, it } from "vitest";
import { niceTicks } from "@/lib/client/format";
import { describeState, stateLabel } from "@/lib/client/state-labels";
import { runsOutAt } from "@/lib/capacity/capacity-windows";

describe("niceTicks", () => {
  it("steps evenly in round numbers up to at least the maximum", () => {
    expect(niceTicks(1_400)).toEqual([0, 500, 1_000, 1_500]);
    expect(niceTicks(1_100)).toEqual([0, 500, 1_000, 1_500]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    const ticks = niceTicks(123_456);
    const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]));
    expect(steps.size).toBe(1);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(123_456);
  });
});

describe("state labels", () => {
  it("never shows an internal code", () => {
    for (const code of [
      "not_on_free_tier",
      "rate_limited",
      "rate limited short",
      "rate_limited_short",
      "model_gone",
      "quota_exhausted",
      "circuit_open",
      "all_providers_exhausted",
      "not_free",
      "limit_reached",
    ]) {
      expect(stateLabel(code)).not.toMatch(/_/);
      expect(stateLabel(code)).toMatch(/^[A-Z]/);
    }
    expect(describeState("quota_exhausted").next).toMatch(/reset/);
    expect(stateLabel("some_new_state")).toBe("Some new state");
  });
});

describe("runsOutAt", () => {
  it("projects the pace since the window opened, and says nothing when it lasts until the reset", () => {
    const start = Date.UTC(2026, 0, 1);
    const now = start + 6 * 3_600_000;
    const reset = start + 86_400_000;
    // 500 of 1,000 in 6 h: out in another 6 h.
    expect(runsOutAt(500, 1_000, start, reset, now)).toBe(new Date(now + 6 * 3_600_000).toISOString());
    expect(runsOutAt(100, 1_000, start, reset, now)).toBeNull();
    expect(runsOutAt(0, 1_000, start, reset, now)).toBeNull();
    expect(runsOutAt(1_000, 1_000, start, reset, now)).toBe(new Date(now).toISOString());
  });
});
