import { afterAll, describe, expect, it } from "vitest";
import { AttemptLimiter } from "@/lib/limits";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
// Two connections stand for two app instances sharing one Redis.
const first = connect(prefix);
const second = connect(prefix);
const raw = rawClient();
const instanceA = new AttemptLimiter(first);
const instanceB = new AttemptLimiter(second);
const spec = { name: "test-attempts", limit: 4, windowMs: 60_000 };
let ids = 0;
const fresh = () => `id${++ids}`;

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await Promise.all([first.close(), second.close()]);
  raw.disconnect();
});

describe("attempt limits in Redis (@upstash/ratelimit)", () => {
  it("counts across instances: 10 concurrent attempts against 4 a minute, exactly 4 pass", async () => {
    const id = fresh();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? instanceA : instanceB).take(spec, id)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(4);
    const refused = outcomes.find((o) => !o.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(0);
    expect(first.health.status).toBe("ok");
  });

  it("keeps the count in Redis under the app's prefix, not in the process", async () => {
    const id = fresh();
    await instanceA.take(spec, id);
    expect((instanceA.memory as unknown as { windows: Map<string, unknown> }).windows.size).toBe(0);
    expect(await raw.keys(`${prefix}:al:${spec.name}*`)).not.toHaveLength(0);
  });

  it("a reset clears the count in Redis", async () => {
    const id = fresh();
    for (let i = 0; i < 4; i++) await instanceB.take(spec, id);
    expect((await instanceA.take(spec, id)).allowed).toBe(false);
    await instanceB.reset(spec, id);
    // Not asked of A: @upstash/ratelimit's per-instance cache remembers A's refusal until the window resets.
    expect((await instanceB.take(spec, id)).allowed).toBe(true);
    expect(await raw.keys(`${prefix}:al:${spec.name}:${id}:*`)).toHaveLength(1);
  });

  it("stops at the first refusal when taking several limits", async () => {
    const id = fresh();
    const tight = { name: "test-tight", limit: 1, windowMs: 60_000 };
    expect(
      await instanceA.takeAll([
        [tight, id],
        [spec, id],
      ]),
    ).toEqual({ allowed: true });
    expect(
      (
        await instanceB.takeAll([
          [tight, id],
          [spec, id],
        ])
      ).allowed,
    ).toBe(false);
  });

  it("falls back to this process's memory while Redis cannot be reached, and still limits", async () => {
    const down = connect(uniquePrefix(), { url: "redis://127.0.0.1:1", timeoutMs: 200 });
    const limiter = new AttemptLimiter(down);
    const allowed = [];
    for (let i = 0; i < 6; i++) allowed.push((await limiter.take(spec, "someone")).allowed);
    expect(allowed).toEqual([true, true, true, true, false, false]);
    expect(down.health.status).not.toBe("ok");
    await down.close();
  });
});
