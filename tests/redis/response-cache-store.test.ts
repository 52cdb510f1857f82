import { afterAll, describe, expect, it } from "vitest";
import { MemoryResponseCache, RedisResponseCache } from "@/lib/cache/response-cache-store";
import { connect, deleteByPrefix, rawClient, uniquePrefix } from "./redis-test-helpers";

const prefix = uniquePrefix();
const raw = rawClient();
const answer = {
  completion: { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "hi" } }] },
  providerId: "groq",
  model: "m",
  storedAt: 1,
};

afterAll(async () => {
  await deleteByPrefix(raw, prefix);
  raw.disconnect();
});

describe("RedisResponseCache against a real Redis", () => {
  it("shares an entry between two connections, under the prefix, with the TTL as EX", async () => {
    const a = connect(prefix);
    const b = connect(prefix);
    try {
      await new RedisResponseCache(a, new MemoryResponseCache()).set("k1", answer, 120);
      expect(await new RedisResponseCache(b, new MemoryResponseCache()).get("k1")).toEqual(answer);
      const ttl = await raw.ttl(`${prefix}:cache:k1`);
      expect(ttl).toBeGreaterThan(100);
      expect(ttl).toBeLessThanOrEqual(120);
      expect(await new RedisResponseCache(b, new MemoryResponseCache()).get("absent")).toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("ignores a value that is not a stored answer", async () => {
    const a = connect(prefix);
    try {
      await raw.set(`${prefix}:cache:junk`, "not json");
      expect(await new RedisResponseCache(a, new MemoryResponseCache()).get("junk")).toBeNull();
    } finally {
      await a.close();
    }
  });

  it("falls back to this process's LRU when Redis does not answer", async () => {
    const down = connect(prefix, { url: "redis://127.0.0.1:1", timeoutMs: 50 });
    try {
      const local = new MemoryResponseCache();
      const store = new RedisResponseCache(down, local);
      await store.set("k2", answer, 60);
      expect(await local.get("k2")).toEqual(answer);
      expect(await store.get("k2")).toEqual(answer);
    } finally {
      await down.close();
    }
  });
});
