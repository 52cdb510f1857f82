import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { afterAll, describe, expect, it } from "vitest";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const connection = connect(prefix);
const { redis } = connection;
const raw = rawClient();
const k = (name: string) => `${prefix}:${name}`;

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  await connection.close();
  raw.disconnect();
});

describe("Upstash client over the ioredis requester", () => {
  it("runs single commands and returns REST-shaped results", async () => {
    expect(await redis.set(k("a"), "hello")).toBe("OK");
    expect(await redis.get(k("a"))).toBe("hello");
    expect(await redis.incrby(k("n"), 5)).toBe(5);
    expect(await redis.get(k("missing"))).toBeNull();
  });

  it("turns a Redis error reply into a rejected command, connection intact", async () => {
    await redis.set(k("str"), "x");
    await expect(redis.hincrby(k("str"), "f", 1)).rejects.toThrow(/WRONGTYPE/);
    expect(await redis.ping()).toBe("PONG");
  });

  it("sends a pipeline as one batch and reports per-command errors", async () => {
    await redis.set(k("s"), "x");
    const results = await redis.pipeline().incr(k("p")).incr(k("p")).hincrby(k("s"), "f", 1).get(k("p")).exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual([1, 2, undefined, 2]);
    expect(results[2].error).toMatch(/WRONGTYPE/);
  });

  it("runs multi-exec atomically", async () => {
    const results = await redis.multi().set(k("m"), "1").incr(k("m")).pexpire(k("m"), 10_000).exec();
    expect(results).toEqual(["OK", 2, 1]);
    expect(await raw.pttl(k("m"))).toBeGreaterThan(9_000);
  });

  it("strips a Lua shebang Redis 7.0 rejects and maps the original sha for EVALSHA", async () => {
    const source = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
    const script = redis.createScript<number>(source);
    expect(await script.exec([k("lua")], [])).toBe(1); // NOSCRIPT, then EVAL (stripped)
    expect(await script.evalsha([k("lua")], [])).toBe(2); // EVALSHA with the original sha
    const sha = createHash("sha1").update(source).digest("hex");
    expect(await redis.scriptLoad(source)).toBe(sha);
    expect(await redis.scriptExists(sha)).toEqual([1]);
    await expect(raw.eval(source, 0)).rejects.toThrow(/shebang/); // what the requester works around
  });

  it("lets @upstash/ratelimit count exactly against the local Redis", async () => {
    const limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(5, "60 s"), prefix: k("upstash-rl"), analytics: false });
    const results = await Promise.all(Array.from({ length: 12 }, () => limiter.limit("id")));
    expect(results.filter((r) => r.success)).toHaveLength(5);
  });
});
