import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGatewayUser } from "@/tests/support/gateway-fixtures";
import { A, B, burst, chat, count, resetMocks, warmUp } from "./instances";

// Both instances run with KEY_RPM=10 and share one Redis.
describe("limits shared by two instances through Redis", () => {
  beforeAll(warmUp);
  beforeEach(resetMocks);

  it("100 concurrent requests on one key, spread over both instances: exactly 10 succeed", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const answers = await burst(100, plaintext);

    expect(count(answers, 200)).toBe(10);
    expect(count(answers, 429)).toBe(90);
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(refused.body.error?.code).toBe("rate_limit_exceeded");
      // One value in whole seconds, at least 1 (not "21, 21": the limiter's header sent twice).
      expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect(refused.headers.get("x-ratelimit-limit")).toBe("10");
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    // Exactly 10 over both instances means one shared count (two per-process counts would admit 20);
    // the next test shows the count crossing from one instance to the other.
  });

  it("sequential requests: after 10 on instance A, the 11th on instance B is refused", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    for (let i = 0; i < 10; i++) expect((await chat(A, plaintext)).status).toBe(200);
    const refused = await chat(B, plaintext);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe("rate_limit_exceeded");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("10");
  });

  it("gives each end user of a key (x-freellmapi-identifier) a bucket of its own, across instances", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const [alice, bob] = await Promise.all([
      burst(30, plaintext, { "x-freellmapi-identifier": "alice" }),
      burst(30, plaintext, { "x-freellmapi-identifier": "bob" }),
    ]);
    expect(count(alice, 200)).toBe(10);
    expect(count(bob, 200)).toBe(10);
    for (const refused of [...alice, ...bob].filter((answer) => answer.status === 429)) {
      expect(refused.body.error?.code).toBe("rate_limit_exceeded");
    }
    // Neither used the key's own bucket: a request without an identifier still has all 10.
    expect(count(await burst(12, plaintext), 200)).toBe(10);
  });

  it("answers 400 naming x-freellmapi-identifier for a malformed identifier, on either instance", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    for (const [url, identifier] of [
      [A, "bad id!"],
      [B, "x".repeat(129)],
    ]) {
      const answer = await chat(url, plaintext, { "x-freellmapi-identifier": identifier });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe("invalid_identifier");
      expect(answer.body.error?.param).toBe("x-freellmapi-identifier");
      expect(answer.body.error?.message).toContain("x-freellmapi-identifier");
    }
  });
});
