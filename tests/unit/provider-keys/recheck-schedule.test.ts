import { describe, expect, it } from "vitest";
import { nextRecheckAt, parseRecheckSchedule, recheckPollMs } from "@/lib/provider-keys/recheck-schedule";

describe("automatic recheck schedule", () => {
  const delays = parseRecheckSchedule("10m,1h,6h");

  it("parses delays with units, bare numbers as seconds", () => {
    expect(delays).toEqual([600_000, 3_600_000, 21_600_000]);
    expect(parseRecheckSchedule(" 2, 3s ")).toEqual([2_000, 3_000]);
    expect(() => parseRecheckSchedule("10 minutes")).toThrow(/Not a delay/);
  });

  it("walks 10 min, 1 h, 6 h after each failed recheck, then gives up", () => {
    // A fake clock: the key is rejected at t0, and every recheck finds it still rejected.
    const t0 = Date.UTC(2026, 11, 1, 12, 0, 0);
    let at = nextRecheckAt(0, t0, delays)!;
    expect(at.toISOString()).toBe("2026-12-01T12:10:00.000Z");
    at = nextRecheckAt(1, at.getTime(), delays)!;
    expect(at.toISOString()).toBe("2026-12-01T13:10:00.000Z");
    at = nextRecheckAt(2, at.getTime(), delays)!;
    expect(at.toISOString()).toBe("2026-12-01T19:10:00.000Z");
    expect(nextRecheckAt(3, at.getTime(), delays)).toBeNull();
  });

  it("polls often enough for the shortest delay, never more than once a second or less than once a minute", () => {
    expect(recheckPollMs(delays)).toBe(60_000);
    expect(recheckPollMs([2_000, 5_000])).toBe(2_000);
    expect(recheckPollMs([10])).toBe(1_000);
  });
});
