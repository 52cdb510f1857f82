import { afterAll, describe, expect, it, vi } from "vitest";
import { FallbackRoutingState } from "@/lib/routing-state/fallback-routing-state";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import { RedisRoutingState } from "@/lib/routing-state/redis-routing-state";
import type { UsageWindows } from "@/lib/routing-state/state";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const first = connect(prefix);
const second = connect(prefix);
const raw = rawClient();
let now = Date.now();
const clock = () => now;
// Two instances of the app, each with its own client.
const instanceA = new RedisRoutingState(first.redis, first.prefix, clock);
const instanceB = new RedisRoutingState(second.redis, second.prefix, clock);
const windows = (): UsageWindows => ({ minute: Math.floor(now / 60_000), day: new Date(now).toISOString().slice(0, 10) });
const policy = { threshold: 3, cooldownMs: 30_000 };

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await Promise.all([first.close(), second.close()]);
  raw.disconnect();
});

describe("RedisRoutingState", () => {
  it("returns unknown targets clean", async () => {
    const snap = await instanceA.snapshot(["pk-none:m"], windows);
    expect(snap.get("pk-none:m")).toEqual({
      blockedUntil: null,
      reason: null,
      breaker: { state: "closed", consecutiveFailures: 0, retryAt: null },
      usage: { minuteRequests: 0, minuteTokens: 0, dayRequests: 0, dayTokens: 0 },
    });
  });

  it("reads a snapshot without @upstash/redis throwing while it parses the reply", async () => {
    // The client tries JSON.parse on every element of a reply and catches what throws; a word in
    // the reply (a breaker state, say) cost an exception per target on every request.
    await instanceA.recordUsage(["pk-parse:m"], windows(), { requests: 1, tokens: 5 });
    await instanceA.recordFailure("pk-parse:open", policy);
    const targets = ["pk-parse:m", "pk-parse:open", ...Array.from({ length: 10 }, (_, i) => `pk-parse:${i}`)];
    const parse = vi.spyOn(JSON, "parse");
    try {
      const snap = await instanceB.snapshotFor("user-parse", targets, windows);
      expect(snap.targets.get("pk-parse:m")!.usage).toMatchObject({ minuteRequests: 1, minuteTokens: 5 });
      expect(parse).toHaveBeenCalled();
      expect(parse.mock.results.filter((result) => result.type === "throw")).toHaveLength(0);
    } finally {
      parse.mockRestore();
    }
    for (let i = 0; i < 3; i++) await instanceA.recordFailure("pk-parse:open", policy);
    expect((await instanceB.snapshot(["pk-parse:open"], windows)).get("pk-parse:open")!.breaker.state).toBe("open");
    now += policy.cooldownMs + 1;
    expect((await instanceB.snapshot(["pk-parse:open"], windows)).get("pk-parse:open")!.breaker.state).toBe("half_open");
  });

  it("a block from one instance is visible to the other; the later block wins", async () => {
    await instanceA.block("pk-groq:llama", now + 10_000, "rate_limited");
    expect((await instanceB.snapshot(["pk-groq:llama"], windows)).get("pk-groq:llama")).toMatchObject({ blockedUntil: now + 10_000, reason: "rate_limited" });
    await instanceB.block("pk-groq:llama", now + 5_000, "auth_invalid"); // earlier: ignored
    await instanceB.block("pk-groq:llama", now + 60_000, "quota_exhausted");
    const snap = (await instanceA.snapshot(["pk-groq:llama"], windows)).get("pk-groq:llama");
    expect(snap).toMatchObject({ blockedUntil: now + 60_000, reason: "quota_exhausted" });
  });

  it("concurrent blocks settle on the latest until", async () => {
    const untils = Array.from({ length: 20 }, (_, i) => now + 1_000 * ((i * 7) % 20) + 1_000);
    await Promise.all(untils.map((until, i) => (i % 2 ? instanceA : instanceB).block("pk-race:m", until, "rate_limited")));
    expect((await instanceA.snapshot(["pk-race:m"], windows)).get("pk-race:m")!.blockedUntil).toBe(Math.max(...untils));
  });

  it("a block stops counting once it has passed, and drops out of the list", async () => {
    await instanceA.block("pk-short:m", now + 1_000, "rate_limited");
    expect((await instanceA.listBlocked("pk-short")).map((e) => e.target)).toEqual(["pk-short:m"]);
    now += 2_000;
    expect((await instanceB.snapshot(["pk-short:m"], windows)).get("pk-short:m")!.blockedUntil).toBeNull();
    expect(await instanceB.listBlocked("pk-short")).toEqual([]);
  });

  it("counts usage from both instances in minute and day windows", async () => {
    await Promise.all([
      instanceA.recordUsage(["pk-use:m"], windows(), { requests: 1, tokens: 120 }),
      instanceB.recordUsage(["pk-use:m"], windows(), { requests: 1, tokens: 80 }),
      instanceB.recordUsage(["pk-use:m"], windows(), { requests: 1, tokens: 0 }),
    ]);
    const usage = (await instanceA.snapshot(["pk-use:m"], windows)).get("pk-use:m")!.usage;
    expect(usage).toEqual({ minuteRequests: 3, minuteTokens: 200, dayRequests: 3, dayTokens: 200 });
    // The next minute starts from zero; the day keeps counting.
    const next = { ...windows(), minute: windows().minute + 1 };
    expect((await instanceA.snapshot(["pk-use:m"], () => next)).get("pk-use:m")!.usage).toEqual({
      minuteRequests: 0,
      minuteTokens: 0,
      dayRequests: 3,
      dayTokens: 200,
    });
  });

  it("opens the breaker after threshold consecutive failures, lets one probe through, closes on success", async () => {
    const t = "pk-flaky:m";
    await instanceA.recordFailure(t, policy);
    await instanceB.recordFailure(t, policy);
    expect((await instanceA.snapshot([t], windows)).get(t)!.breaker).toEqual({ state: "closed", consecutiveFailures: 2, retryAt: null });
    await instanceA.recordFailure(t, policy);
    expect((await instanceB.snapshot([t], windows)).get(t)!.breaker).toEqual({ state: "open", consecutiveFailures: 3, retryAt: now + 30_000 });
    expect(await instanceB.listBlocked("pk-flaky")).toEqual([{ target: t, until: now + 30_000, reason: "circuit_open" }]);

    now += 30_000;
    // Reading claims nothing: both see the probe free, and exactly one instance claims it.
    expect((await instanceA.snapshot([t], windows)).get(t)!.breaker.state).toBe("half_open");
    expect((await instanceB.snapshot([t], windows)).get(t)!.breaker.state).toBe("half_open");
    const claims = await Promise.all([instanceA.claimProbe(t), instanceB.claimProbe(t)]);
    expect(claims.sort()).toEqual([false, true]);
    expect((await instanceA.snapshot([t], windows)).get(t)!.breaker.state).toBe("open");

    await instanceA.recordSuccess(t);
    expect((await instanceB.snapshot([t], windows)).get(t)!.breaker).toEqual({ state: "closed", consecutiveFailures: 0, retryAt: null });
    expect(await instanceB.listBlocked("pk-flaky")).toEqual([]);
  });

  it("a failed probe reopens the breaker for another cooldown", async () => {
    const t = "pk-probe:m";
    for (let i = 0; i < 3; i++) await instanceA.recordFailure(t, policy);
    now += 30_000;
    expect((await instanceA.snapshot([t], windows)).get(t)!.breaker.state).toBe("half_open");
    expect(await instanceA.claimProbe(t)).toBe(true);
    await instanceB.recordFailure(t, policy);
    expect((await instanceA.snapshot([t], windows)).get(t)!.breaker).toEqual({ state: "open", consecutiveFailures: 4, retryAt: now + 30_000 });
  });

  it("snapshots many targets in one call, and listBlocked filters by prefix", async () => {
    await instanceA.block("pk-x:a", now + 9_000, "not_on_free_tier");
    await instanceA.block("pk-y:b", now + 9_000, "limit_reached");
    const targets = Array.from({ length: 30 }, (_, i) => `pk-many:${i}`).concat(["pk-x:a", "pk-y:b"]);
    const snap = await instanceB.snapshot(targets, windows);
    expect(snap.size).toBe(32);
    expect(snap.get("pk-x:a")!.reason).toBe("not_on_free_tier");
    expect(snap.get("pk-many:7")!.blockedUntil).toBeNull();
    expect(await instanceB.listBlocked("pk-y")).toEqual([{ target: "pk-y:b", until: now + 9_000, reason: "limit_reached" }]);
  });

  it("every key it writes has a TTL", async () => {
    const names = await raw.keys(`${prefix}:rs:*`);
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) expect(await raw.pttl(name), name).toBeGreaterThan(0);
  });
  it("clearKey drops one key's blocks and open breakers on every instance, and leaves other keys alone", async () => {
    await instanceA.block("pk-clear:*", now + 3_600_000, "auth_invalid");
    await instanceA.block("pk-clear:m", now + 3_600_000, "quota_exhausted");
    for (let i = 0; i < policy.threshold; i++) await instanceA.recordFailure("pk-clear:n", policy);
    await instanceA.block("pk-keep:m", now + 3_600_000, "quota_exhausted");
    expect((await instanceB.listBlocked("pk-clear:")).map((b) => b.target).sort()).toEqual(["pk-clear:*", "pk-clear:m", "pk-clear:n"]);

    await instanceB.clearKey("pk-clear");
    expect(await instanceA.listBlocked("pk-clear:")).toEqual([]);
    const snap = await instanceA.snapshot(["pk-clear:*", "pk-clear:m", "pk-clear:n"], windows);
    for (const target of ["pk-clear:*", "pk-clear:m"]) expect(snap.get(target)!.blockedUntil).toBeNull();
    expect(snap.get("pk-clear:n")!.breaker).toEqual({ state: "closed", consecutiveFailures: 0, retryAt: null });
    expect((await instanceA.listBlocked("pk-keep:")).map((b) => b.target)).toEqual(["pk-keep:m"]);
  });

  it("a routing change on one instance is the new version the other reads with its snapshot, and names the keys it cleared", async () => {
    const before = await instanceB.snapshotFor("user-v", ["pk-v:m"], windows);
    expect(before.version).toBe(0);
    expect(before.targets.get("pk-v:m")!.blockedUntil).toBeNull();
    await instanceA.routingChanged("user-v");
    await instanceA.routingChanged("user-v", ["pk-v"]);
    const after = await instanceB.snapshotFor("user-v", ["pk-v:m"], windows);
    expect(after.version).toBe(2);
    expect(await instanceB.clearedSince("user-v", 0)).toEqual(["pk-v"]);
    expect(await instanceB.clearedSince("user-v", 2)).toEqual([]);
    expect((await instanceB.snapshotFor("other-user", [], windows)).version).toBe(0);
    expect(await raw.pttl(`${prefix}:rs:v:user-v`)).toBeGreaterThan(0);
  });

  it("a key cleared through one instance is cleared from the other's local copy once that one reads the new version", async () => {
    const localA = new MemoryRoutingState({ now: clock });
    const localB = new MemoryRoutingState({ now: clock });
    const fallbackA = new FallbackRoutingState(instanceA, localA, first);
    const fallbackB = new FallbackRoutingState(instanceB, localB, second);
    await fallbackB.block("pk-local:m", now + 3_600_000, "quota_exhausted");
    await fallbackB.snapshotFor("user-local", ["pk-local:m"], windows);

    await fallbackA.clearKey("pk-local");
    await fallbackA.routingChanged("user-local", ["pk-local"]);
    expect((await localB.snapshot(["pk-local:m"], windows)).get("pk-local:m")!.blockedUntil).not.toBeNull();
    await fallbackB.snapshotFor("user-local", ["pk-local:m"], windows);
    await expect.poll(async () => (await localB.snapshot(["pk-local:m"], windows)).get("pk-local:m")!.blockedUntil).toBeNull();
  });
});
