import { describe, expect, it } from "vitest";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";

const windows =
  (minute: number, day = "2026-11-21") =>
  () => ({ minute, day });
const policy = { threshold: 2, cooldownMs: 1000 };

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("MemoryRoutingState", () => {
  it("unknown targets come back clean", async () => {
    const s = new MemoryRoutingState();
    const snap = (await s.snapshot(["k:m"], windows(1))).get("k:m")!;
    expect(snap).toMatchObject({ blockedUntil: null, reason: null, breaker: { state: "closed" }, usage: { dayRequests: 0 } });
  });

  it("blocks until a time, a later block wins, expired blocks read as clean", async () => {
    const c = clock();
    const s = new MemoryRoutingState({ now: c.now });
    await s.block("k:m", c.t + 5000, "rate_limited");
    await s.block("k:m", c.t + 1000, "quota_exhausted");
    let snap = (await s.snapshot(["k:m"], windows(1))).get("k:m")!;
    expect(snap).toMatchObject({ blockedUntil: c.t + 5000, reason: "rate_limited" });
    expect(await s.listBlocked("k:")).toEqual([{ target: "k:m", until: c.t + 5000, reason: "rate_limited" }]);
    c.t += 6000;
    snap = (await s.snapshot(["k:m"], windows(1))).get("k:m")!;
    expect(snap.blockedUntil).toBeNull();
    expect(await s.listBlocked()).toEqual([]);
  });

  it("counts usage per minute and day window and resets when the window changes", async () => {
    const s = new MemoryRoutingState();
    await s.recordUsage(["k:m"], { minute: 1, day: "d1" }, { requests: 1, tokens: 10 });
    await s.recordUsage(["k:m"], { minute: 1, day: "d1" }, { requests: 1, tokens: 5 });
    expect((await s.snapshot(["k:m"], () => ({ minute: 1, day: "d1" }))).get("k:m")!.usage).toEqual({
      minuteRequests: 2,
      minuteTokens: 15,
      dayRequests: 2,
      dayTokens: 15,
    });
    expect((await s.snapshot(["k:m"], () => ({ minute: 2, day: "d1" }))).get("k:m")!.usage).toEqual({
      minuteRequests: 0,
      minuteTokens: 0,
      dayRequests: 2,
      dayTokens: 15,
    });
    await s.recordUsage(["k:m"], { minute: 3, day: "d2" }, { requests: 1, tokens: 1 });
    expect((await s.snapshot(["k:m"], () => ({ minute: 3, day: "d2" }))).get("k:m")!.usage).toEqual({
      minuteRequests: 1,
      minuteTokens: 1,
      dayRequests: 1,
      dayTokens: 1,
    });
  });

  it("breaker: closed → open at threshold → one half-open probe → open again on failure → closed on success", async () => {
    const c = clock();
    const s = new MemoryRoutingState({ now: c.now });
    const state = async () => (await s.snapshot(["k:m"], windows(1))).get("k:m")!.breaker;
    await s.recordFailure("k:m", policy);
    expect((await state()).state).toBe("closed");
    await s.recordFailure("k:m", policy);
    expect(await state()).toEqual({ state: "open", consecutiveFailures: 2, retryAt: c.t + 1000 });
    expect((await s.listBlocked())[0].reason).toBe("circuit_open");
    c.t += 1001;
    expect((await state()).state).toBe("half_open");
    expect((await state()).state).toBe("half_open"); // reading claims nothing
    expect(await s.claimProbe("k:m")).toBe(true);
    expect(await s.claimProbe("k:m")).toBe(false); // only one probe at a time
    expect((await state()).state).toBe("open");
    await s.recordFailure("k:m", policy);
    expect((await state()).state).toBe("open");
    c.t += 1001;
    expect((await state()).state).toBe("half_open");
    expect(await s.claimProbe("k:m")).toBe(true);
    await s.recordSuccess("k:m");
    expect(await state()).toEqual({ state: "closed", consecutiveFailures: 0, retryAt: null });
  });

  it("expires idle entries so memory stays flat under sustained load", async () => {
    const c = clock();
    const s = new MemoryRoutingState({ now: c.now, idleTtlMs: 10_000 });
    for (let i = 0; i < 1000; i++) await s.recordUsage([`k${i}:m`], { minute: 1, day: "d" }, { requests: 1, tokens: 1 });
    await s.block("kept:m", c.t + 1_000_000, "not_on_free_tier");
    expect(s.size).toBe(1001);
    c.t += 70_000;
    await s.recordUsage(["new:m"], { minute: 2, day: "d" }, { requests: 1, tokens: 1 });
    expect(s.size).toBe(2);
    expect((await s.snapshot(["kept:m"], windows(2))).get("kept:m")!.reason).toBe("not_on_free_tier");
  });

  it("caps the number of entries, evicting the least recently written", async () => {
    const s = new MemoryRoutingState({ maxEntries: 100 });
    for (let i = 0; i < 500; i++) await s.recordUsage([`k${i}:m`], { minute: 1, day: "d" }, { requests: 1, tokens: 1 });
    expect(s.size).toBeLessThanOrEqual(100);
    const snap = await s.snapshot(["k499:m", "k0:m"], windows(1, "d"));
    expect(snap.get("k499:m")!.usage.dayRequests).toBe(1);
    expect(snap.get("k0:m")!.usage.dayRequests).toBe(0);
  });
});
