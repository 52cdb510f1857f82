import { describe, expect, it } from "vitest";
import { readLimitPolicy } from "@/lib/limits";
import { readRedisConfig } from "@/lib/redis/redis-config";

describe("readRedisConfig", () => {
  it("is embedded mode when nothing is set", () => {
    expect(readRedisConfig({})).toEqual({ kind: "none" });
    expect(readRedisConfig({ REDIS_URL: "  " })).toEqual({ kind: "none" });
  });

  it("uses a plain Redis from REDIS_URL with a short timeout", () => {
    expect(readRedisConfig({ REDIS_URL: "redis://h:6379" })).toEqual({ kind: "tcp", url: "redis://h:6379", timeoutMs: 100, prefix: "freellmapi" });
    expect(readRedisConfig({ REDIS_URL: "redis://h:6379", REDIS_TIMEOUT_MS: "40", REDIS_KEY_PREFIX: "stage" })).toMatchObject({
      timeoutMs: 40,
      prefix: "stage",
    });
  });

  it("prefers Upstash when both its URL and token are set", () => {
    const env = { REDIS_URL: "redis://h:6379", UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" };
    expect(readRedisConfig(env)).toMatchObject({ kind: "upstash", url: "https://x.upstash.io", token: "t", timeoutMs: 500 });
    expect(readRedisConfig({ ...env, UPSTASH_REDIS_REST_TOKEN: "" })).toMatchObject({ kind: "tcp" });
  });

  it("ignores a nonsensical timeout", () => {
    expect(readRedisConfig({ REDIS_URL: "redis://h", REDIS_TIMEOUT_MS: "-5" })).toMatchObject({ timeoutMs: 100 });
  });
});

describe("readLimitPolicy", () => {
  it("defaults to 600 per key and 1200 per account per minute, overridable by env", () => {
    expect(readLimitPolicy({})).toEqual({ keyRpm: 600, accountRpm: 1_200, windowMs: 60_000 });
    expect(readLimitPolicy({ KEY_RPM: "30", ACCOUNT_RPM: "90" })).toMatchObject({ keyRpm: 30, accountRpm: 90 });
    expect(readLimitPolicy({ KEY_RPM: "lots" })).toMatchObject({ keyRpm: 600 });
  });
});
