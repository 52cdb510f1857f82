import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createGatewayUser } from "@/tests/support/gateway-fixtures";
import { A, B, burst, chat, count, health, redisServer, resetMocks, waitForSharedRedis, warmUp } from "./instances";

interface Sent {
  url: string;
  status: number;
  code: string | undefined;
  ms: number;
  /** When the answer came (Date.now()). */
  at?: number;
}

/**
 * Steady traffic on one key (about 8 requests a second from 2 clients), alternating instances.
 * Every request names a new end user, so the key's 10 per minute never refuse it, and the
 * chain has room for it in the providers' own per-minute limits: any non-200 is the outage's doing.
 */
function traffic(apiKey: string) {
  const sent: Sent[] = [];
  let running = true;
  let n = 0;
  const client = async () => {
    while (running) {
      const i = n++;
      const url = i % 2 === 0 ? A : B;
      const started = performance.now();
      const answer = await chat(url, apiKey, { "x-freellmapi-identifier": `user-${i}` });
      sent.push({ url, status: answer.status, code: answer.body.error?.code, ms: performance.now() - started, at: Date.now() });
      await sleep(250);
    }
  };
  const clients = Array.from({ length: 2 }, client);
  return {
    sent,
    async stop() {
      running = false;
      await Promise.all(clients);
      return sent;
    },
  };
}

async function expectBothHealth(redis: "ok" | "degraded") {
  for (const url of [A, B]) {
    const answer = await health(url);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: redis === "ok" ? "ok" : "degraded", database: "ok", redis });
  }
}

/** A fresh key (10 per minute) hit 30 times across both instances: 10 when the count is shared. */
async function sharedAdmissions() {
  const { plaintext } = await createGatewayUser(["groq"]);
  return count(await burst(30, plaintext), 200);
}

describe("two instances when their Redis has trouble", () => {
  beforeAll(warmUp);
  beforeEach(resetMocks);
  // Whatever a test did, leave Redis up and shared for the next one.
  afterEach(async () => {
    await redisServer.thaw();
    await redisServer.start();
    await waitForSharedRedis();
  });

  it("Redis killed mid-run: every request still answers, health says degraded; restarted: shared limits resume", async () => {
    const { plaintext } = await createGatewayUser(["groq", "mistral", "openrouter"]);
    const run = traffic(plaintext);
    await sleep(1_000);
    await redisServer.stop();
    const downAt = Date.now();
    await sleep(1_500);

    await expectBothHealth("degraded");
    // While degraded each instance counts only its own traffic: 10 per instance (docs/LIMITS.md).
    const { plaintext: local } = await createGatewayUser(["groq"]);
    const perInstance = await burst(24, local);
    expect(
      count(
        perInstance.filter((_, i) => i % 2 === 0),
        200,
      ),
    ).toBe(10);
    expect(
      count(
        perInstance.filter((_, i) => i % 2 === 1),
        200,
      ),
    ).toBe(10);
    expect(count(perInstance, 429)).toBe(4);

    await redisServer.start();
    const upAt = Date.now();
    await waitForSharedRedis();
    await sleep(500);
    const sent = await run.stop();

    // Traffic flowed before, during and after the outage (how much depends on the machine's speed).
    expect(sent.filter((answer) => answer.at! < downAt).length).toBeGreaterThan(0);
    expect(new Set(sent.filter((answer) => answer.at! > downAt && answer.at! < upAt).map((answer) => answer.url))).toEqual(new Set([A, B]));
    expect(sent.filter((answer) => answer.at! > upAt).length).toBeGreaterThan(0);
    expect(sent.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(sent.map((answer) => answer.url))).toEqual(new Set([A, B]));
    await expectBothHealth("ok");
    expect(await sharedAdmissions()).toBe(10);
  });

  it("Redis stalled (up but not answering): answers stay fast, health says degraded; unstalled: shared limits resume", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    await redisServer.freeze();
    const answers: Sent[] = [];
    for (let i = 0; i < 20; i++) {
      const url = i % 2 === 0 ? A : B;
      const started = performance.now();
      const answer = await chat(url, plaintext, { "x-freellmapi-identifier": `slow-${i}` });
      answers.push({ url, status: answer.status, code: answer.body.error?.code, ms: performance.now() - started });
    }
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    // One Redis timeout (REDIS_TIMEOUT_MS, 100 ms over TCP) at most per instance, then Redis is skipped.
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(inject("redisTimeoutMs") + 900);
    await expectBothHealth("degraded");

    // Still limited, per instance: a fresh key allows 10 on each.
    const { plaintext: local } = await createGatewayUser(["groq"]);
    const answers24 = await burst(24, local);
    // Every refusal named, so a failure says whether the key's limit or something else refused.
    const outcome = (url: string) => answers24.filter((_, i) => (i % 2 === 0 ? A : B) === url).map((answer) => answer.body.error?.code ?? answer.status);
    expect({ A: outcome(A).filter((o) => o !== 200), B: outcome(B).filter((o) => o !== 200) }).toEqual({
      A: ["rate_limit_exceeded", "rate_limit_exceeded"],
      B: ["rate_limit_exceeded", "rate_limit_exceeded"],
    });

    await redisServer.thaw();
    await waitForSharedRedis();
    await expectBothHealth("ok");
    expect(await sharedAdmissions()).toBe(10);
  });
});
