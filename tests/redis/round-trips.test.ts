import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createRequestLimiter, parseIdentifier } from "@/lib/limits";
import { createIoredisRequester, RedisUnavailableError } from "@/lib/redis/ioredis-requester";
import { RedisHealth } from "@/lib/redis/redis-health";
import { FallbackRoutingState } from "@/lib/routing-state/fallback-routing-state";
import { RedisRoutingState } from "@/lib/routing-state/redis-routing-state";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import { deleteByPrefix, rawClient, REDIS_URL, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const client = new IORedis(REDIS_URL, { enableOfflineQueue: false });
const requester = createIoredisRequester(client, { timeoutMs: 1_000 });
let requests = 0;
const redis = new Redis({
  request: (req) => {
    requests += 1;
    return requester.request(req);
  },
});
const health = new RedisHealth({ ping: () => redis.ping(), warn: () => undefined });
const connection = { redis, health, timeoutMs: 1_000, prefix, close: async () => health.close() };
const raw = rawClient();

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  client.disconnect();
  raw.disconnect();
});

async function countRequests(run: () => Promise<unknown>): Promise<number> {
  const before = requests;
  await run();
  return requests - before;
}

describe("round trips on the hot path", () => {
  it("one request to Redis for every limit of a request together", async () => {
    const limiter = createRequestLimiter({ connection, policy: { keyRpm: 100, accountRpm: 100, windowMs: 60_000 } });
    const input = { userId: "u", apiKeyId: "k", identifier: parseIdentifier("x"), dailyRequestCap: 50, dailyTokenCap: 5_000 };
    await limiter.check(input); // the first call may also EVAL the script once
    expect(await countRequests(() => limiter.check(input))).toBe(1);
    expect(await countRequests(() => limiter.recordTokens({ apiKeyId: "k", identifier: parseIdentifier("x"), tokens: 10 }))).toBe(1);
  });

  it("one request per routing-state call, whatever the number of targets", async () => {
    const state = new RedisRoutingState(redis, prefix);
    const targets = Array.from({ length: 12 }, (_, i) => `pk:${i}`);
    const windows = () => ({ minute: 1, day: "2026-11-21" });
    await state.snapshot(targets, windows);
    await state.block("pk:1", Date.now() + 1_000, "rate_limited");
    await state.recordFailure("pk:2", { threshold: 2, cooldownMs: 1_000 });
    await state.listBlocked();
    expect(await countRequests(() => state.snapshot(targets, windows))).toBe(1);
    await state.snapshotFor("u", targets, windows);
    await state.routingChanged("u");
    expect(await countRequests(() => state.snapshotFor("u", targets, windows))).toBe(1);
    expect(await countRequests(() => state.routingChanged("u", ["pk"]))).toBe(1);
    expect(await countRequests(() => state.block("pk:3", Date.now() + 1_000, "rate_limited"))).toBe(1);
    expect(await countRequests(() => state.recordUsage(["pk:4"], windows(), { requests: 1, tokens: 9 }))).toBe(1);
    expect(await countRequests(() => state.recordUsage(["pk:4", "pk:*"], windows(), { requests: 1, tokens: 9 }))).toBe(1);
    expect(await countRequests(() => state.recordFailure("pk:5", { threshold: 2, cooldownMs: 1_000 }))).toBe(1);
    expect(await countRequests(() => state.claimProbe("pk:5"))).toBe(1);
    expect(await countRequests(() => state.recordSuccess("pk:5"))).toBe(1);
    expect(await countRequests(() => state.listBlocked("pk:"))).toBe(1);
  });

  it("every command is written when it is issued, a pipeline's commands in one socket write", async () => {
    const limiter = createRequestLimiter({ connection, policy: { keyRpm: 100, accountRpm: 100, windowMs: 60_000 } });
    const state = new RedisRoutingState(redis, prefix);
    const targets = Array.from({ length: 12 }, (_, i) => `pk:w${i}`);
    const windows = () => ({ minute: 3, day: "2026-11-23" });
    const input = (n: number) => ({ userId: "uw", apiKeyId: `kw${n}` });
    await Promise.all([limiter.check(input(0)), state.snapshot(targets, windows)]); // scripts loaded
    await state.block("pk:w4", Date.now() + 60_000, "rate_limited");
    // What reaches the kernel: one _write or _writev per send (stream.write may be called once per command).
    const socket = client.stream as unknown as { _write: () => void; _writev: () => void };
    const spies = [vi.spyOn(socket, "_write"), vi.spyOn(socket, "_writev")];
    const sends = () => spies[0].mock.calls.length + spies[1].mock.calls.length;
    const upstashAwaits = async () => {
      // upstash's client awaits before it calls the requester; more promise jobs follow, as
      // other requests' work does in a busy process
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };

    // One request's limit check and routing snapshot: both written before the router goes on,
    // not held until its promise jobs (or the event loop's turn) end.
    const before = sends();
    const check = limiter.check(input(1));
    const read = state.snapshot(targets, windows);
    await upstashAwaits();
    expect(sends() - before).toBe(2);
    const [admitted, snapshot] = await Promise.all([check, read]);
    expect(admitted).toMatchObject({ ok: true });
    expect(snapshot.get("pk:w4")!.blockedUntil).toBeGreaterThan(Date.now());
    expect(snapshot.get("pk:w5")!.blockedUntil).toBeNull();

    // A pipeline of 5 commands: one write.
    const beforePipeline = sends();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 5; i++) pipeline.incr(`${prefix}:p${i}`);
    const replies = pipeline.exec();
    await upstashAwaits();
    expect(sends() - beforePipeline).toBe(1);
    expect(await replies).toEqual([1, 1, 1, 1, 1]);
    for (const spy of spies) spy.mockRestore();
  });

  it("a failed command fails only its own caller; a lost connection fails every caller in the write", async () => {
    await raw.set(`${prefix}:str`, "x");
    const [good, bad] = await Promise.allSettled([redis.incr(`${prefix}:n`), redis.hincrby(`${prefix}:str`, "f", 1)]);
    expect(good).toMatchObject({ status: "fulfilled", value: 1 });
    expect(bad).toMatchObject({ status: "rejected", reason: expect.objectContaining({ message: expect.stringMatching(/WRONGTYPE/) }) });

    const lost = new IORedis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const lostRedis = new Redis(createIoredisRequester(lost, { timeoutMs: 1_000 }));
    await lostRedis.ping();
    const calls = [lostRedis.get(`${prefix}:a`), lostRedis.pipeline().incr(`${prefix}:b`).get(`${prefix}:b`).exec()];
    lost.stream.destroy();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
    for (const s of settled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(RedisUnavailableError);
    lost.disconnect();
  });

  it("after a response, the usage counters and the token count go out together in one pipeline", async () => {
    const state = new FallbackRoutingState(new RedisRoutingState(redis, prefix), new MemoryRoutingState(), connection);
    const limiter = createRequestLimiter({ connection, policy: { keyRpm: 100, accountRpm: 100, windowMs: 60_000 } });
    const windows = { minute: 7, day: "2026-11-22" };
    const after = () =>
      Promise.all([state.recordUsage(["pk:7", "pk:*"], windows, { requests: 1, tokens: 12 }), limiter.recordTokens({ apiKeyId: "k7", tokens: 12 })]);
    expect(await countRequests(after)).toBe(1);
    expect((await state.snapshot(["pk:7", "pk:*"], () => windows)).get("pk:7")!.usage).toEqual({
      minuteRequests: 1,
      minuteTokens: 12,
      dayRequests: 1,
      dayTokens: 12,
    });
  });
});
