import IORedis from "ioredis";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { targetOf } from "@/lib/router/candidate";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { A, B, chat, chatCalls, resetMocks, warmUp } from "./instances";

describe("routing state shared by two instances through Redis", () => {
  beforeAll(warmUp);
  beforeEach(resetMocks);
  // The scripted 429s must not outlive this file.
  afterEach(resetMocks);

  it("a provider's 429 seen by instance A makes instance B skip that provider without calling it", async () => {
    // One pinned model per provider, so both instances try exactly the same target first.
    const { plaintext, keyIds } = await createGatewayUser([
      { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
      { provider: "cerebras", pinnedModel: "gemma-4-31b" },
    ]);
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 30 });

    const first = await chat(A, plaintext);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-freellmapi-provider")).toBe("cerebras");
    const groqCallsFromA = await chatCalls("groq");
    expect(groqCallsFromA).toBe(1);

    // The block is written after A answers (off the request path); wait until Redis has it.
    const raw = new IORedis(inject("redisUrl"));
    try {
      await vi.waitFor(async () => expect(await raw.zscore("freellmapi:rs:blocked", targetOf(keyIds.groq[0], "llama-3.3-70b-versatile"))).not.toBeNull(), {
        timeout: 2_000,
      });
    } finally {
      raw.disconnect();
    }

    for (let i = 0; i < 3; i++) {
      const fromB = await chat(B, plaintext);
      expect(fromB.status).toBe(200);
      expect(fromB.headers.get("x-freellmapi-provider")).toBe("cerebras");
    }
    expect(await chatCalls("groq")).toBe(groqCallsFromA);
    expect(await chatCalls("cerebras")).toBe(4);
  });
});
