import { describe, expect, it } from "vitest";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import { PersistentBenchState, type Bench, type BenchStore } from "@/lib/routing-state/persistent-benches";

const windows = () => ({ minute: 1, day: "2026-12-01" });
const HOUR = 3_600_000;

function fakeStore(initial: Bench[] = []) {
  const rows = new Map(initial.map((b) => [b.target, b]));
  const store: BenchStore = {
    async load(now) {
      return [...rows.values()].filter((b) => b.until > now);
    },
    async save(bench) {
      rows.set(bench.target, bench);
    },
    async removeKey(keyId) {
      for (const target of rows.keys()) if (target.startsWith(`${keyId}:`)) rows.delete(target);
    },
  };
  return { store, rows };
}

describe("clearKey", () => {
  it("forgets blocks and breakers of one key's targets only, and keeps its usage counts", async () => {
    const t = 1_000_000;
    const state = new MemoryRoutingState({ now: () => t });
    await state.block("k1:*", t + HOUR, "auth_invalid");
    await state.block("k1:m", t + HOUR, "quota_exhausted");
    await state.recordFailure("k1:n", { threshold: 1, cooldownMs: 60_000 });
    await state.recordUsage(["k1:m"], windows(), { requests: 2, tokens: 10 });
    await state.block("k2:m", t + HOUR, "quota_exhausted");
    await state.clearKey("k1");
    expect(await state.listBlocked()).toEqual([{ target: "k2:m", until: t + HOUR, reason: "quota_exhausted" }]);
    const snap = await state.snapshot(["k1:m", "k1:n"], windows);
    expect(snap.get("k1:m")).toMatchObject({ blockedUntil: null, usage: { dayRequests: 2, dayTokens: 10 } });
    expect(snap.get("k1:n")!.breaker.state).toBe("closed");
  });
});

describe("PersistentBenchState", () => {
  it("writes long benches, not cooldowns, and a new process replays them before its first read", async () => {
    const t = 1_000_000;
    const { store, rows } = fakeStore();
    const first = new PersistentBenchState(new MemoryRoutingState({ now: () => t }), store, undefined, () => t);
    await first.block("k1:*", t + 5 * HOUR, "quota_exhausted");
    await first.block("k1:m", t + 30_000, "rate_limited");
    await first.block("k1:n", t + 60_000, "quota_exhausted");
    await new Promise((resolve) => setImmediate(resolve));
    expect([...rows.keys()]).toEqual(["k1:*"]);

    const restarted = new PersistentBenchState(new MemoryRoutingState({ now: () => t + HOUR }), store, undefined, () => t + HOUR);
    const snap = await restarted.snapshot(["k1:*", "k1:m"], windows);
    expect(snap.get("k1:*")).toMatchObject({ blockedUntil: t + 5 * HOUR, reason: "quota_exhausted" });
    expect(snap.get("k1:m")!.blockedUntil).toBeNull();
  });

  it("clearKey removes the stored benches too, and a store that fails never fails the router", async () => {
    const t = 1_000_000;
    const { store, rows } = fakeStore([{ target: "k1:m", until: t + HOUR, reason: "not_on_free_tier" }]);
    const state = new PersistentBenchState(new MemoryRoutingState({ now: () => t }), store, undefined, () => t);
    expect(await state.listBlocked()).toHaveLength(1);
    await state.clearKey("k1");
    expect(await state.listBlocked()).toEqual([]);
    expect(rows.size).toBe(0);

    const errors: string[] = [];
    const broken: BenchStore = {
      load: () => Promise.reject(new Error("down")),
      save: () => Promise.reject(new Error("down")),
      removeKey: () => Promise.reject(new Error("down")),
    };
    const resilient = new PersistentBenchState(
      new MemoryRoutingState({ now: () => t }),
      broken,
      (what) => errors.push(what),
      () => t,
    );
    await resilient.block("k9:*", t + 2 * HOUR, "quota_exhausted");
    expect((await resilient.snapshot(["k9:*"], windows)).get("k9:*")!.reason).toBe("quota_exhausted");
    await resilient.clearKey("k9");
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(expect.arrayContaining(["load routing benches", "save a routing bench", "remove routing benches"]));
  });
});
