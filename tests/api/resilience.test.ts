import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

const chatCalls = async (provider: Parameters<typeof mock.requests>[0]) =>
  (await mock.requests(provider)).filter((request) => request.path.endsWith("/chat/completions"));
const ask = (content: string) => ({ model: "auto", messages: [{ role: "user" as const, content }] });

async function storedAttempts(userId: string) {
  const row = await eventually(
    () => prisma.requestLog.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } }),
    (r) => r !== null,
  );
  return (row?.attempts ?? []) as Array<{ provider: string; outcome: string; hedge?: boolean }>;
}

describe("a hung or down provider never holds a request (default configuration)", () => {
  beforeEach(() => mock.reset("groq", "gemini", "openrouter", "cerebras"));

  it("provider A hangs, provider B is healthy: B answers a non-streaming and a streaming request within seconds", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    await mock.faults("groq", [], { kind: "hang" });

    let started = Date.now();
    const { data, response } = await client.chat.completions.create(ask("are you there?")).withResponse();
    const jsonMs = Date.now() - started;
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
    expect(data.choices[0].message.content).toContain("[gemini:");
    expect(jsonMs).toBeLessThan(6_000);

    started = Date.now();
    const stream = await client.chat.completions.create({ ...ask("still there?"), stream: true }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    const streamMs = Date.now() - started;
    expect(stream.response.headers.get("x-freellmapi-provider")).toBe("gemini");
    expect(text).toContain("[gemini:");
    expect(streamMs).toBeLessThan(6_000);
    expect((await chatCalls("groq")).length).toBeGreaterThanOrEqual(1);
  });

  it("hedging: a late first attempt gets a parallel one; the first token wins, the loser is aborted and not counted as a failure", async () => {
    const { client, user } = await createGatewayUser([
      { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
      { provider: "gemini", pinnedModel: "gemini-2.5-flash" },
    ]);
    // Three hedged requests in a row: were the losers counted, groq's breaker (3 failures) would open.
    for (let i = 0; i < 3; i++) {
      await mock.faults("groq", [{ kind: "slow", beforeHeadersMs: 15_000 }]);
      const { response } = await client.chat.completions.create(ask(`hedge ${i}`)).withResponse();
      expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
      expect(response.headers.get("x-freellmapi-fallback-trail")).toBe("groq/llama-3.3-70b-versatile:hedge_lost,gemini/gemini-2.5-flash:ok(hedge)");
    }
    const calls = await eventually(
      () => chatCalls("groq"),
      (c) => c.length === 3 && c.every((r) => r.clientClosed === true),
    );
    expect(calls.map((r) => r.clientClosed)).toEqual([true, true, true]);
    const attempts = await storedAttempts(user.id);
    expect(attempts).toMatchObject([
      { provider: "groq", outcome: "hedge_lost" },
      { provider: "gemini", outcome: "ok", hedge: true },
    ]);
    const { response } = await client.chat.completions.create(ask("groq again")).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(response.headers.get("x-freellmapi-attempts")).toBe("1");
  });

  it("strict requests are never hedged", async () => {
    const { client } = await createGatewayUser(["groq", "openrouter"]);
    await mock.faults("groq", [{ kind: "slow", beforeHeadersMs: 3_000 }]);
    const { response } = await client.chat.completions
      .create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "strict" }] }, { headers: { "x-freellmapi-strict": "true" } })
      .withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(await chatCalls("openrouter")).toHaveLength(0);
  });

  it("a transport failure skips the provider's other models and keys for the rest of the request", async () => {
    const { client, user } = await createGatewayUser([
      { provider: "groq", keys: ["gsk_test", "gsk_test"] },
      { provider: "gemini", pinnedModel: "gemini-2.5-flash" },
    ]);
    await mock.faults("groq", [], { kind: "reset" });
    const { response } = await client.chat.completions.create(ask("reset")).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
    // Two keys × three models of groq were candidates; one call found it down.
    expect(await chatCalls("groq")).toHaveLength(1);
    expect(response.headers.get("x-freellmapi-fallback-trail")).toMatch(/^groq\/[^:]+:unhealthy,gemini\/[^:]+:ok$/);
    const attempts = await storedAttempts(user.id);
    expect(attempts.map((a) => a.provider)).toEqual(["groq", "gemini"]);
  });

  it("spreads the attempt budget: the next provider's best model comes before the first provider's second", async () => {
    const { client } = await createGatewayUser(["openrouter", { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" }]);
    await mock.faults("openrouter", [], { kind: "rate-limit", variant: "upstream-pool" });
    const { response } = await client.chat.completions.create(ask("spread")).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(response.headers.get("x-freellmapi-attempts")).toBe("2");
    expect(response.headers.get("x-freellmapi-fallback-trail")).toMatch(/^openrouter\/\S+:rate_limited,groq\/llama-3.3-70b-versatile:ok$/);
    expect(await chatCalls("openrouter")).toHaveLength(1);
  });
});

describe("x-freellmapi-wait", () => {
  beforeEach(() => mock.reset("groq"));
  const pinned = [{ provider: "groq" as const, pinnedModel: "llama-3.3-70b-versatile" }];

  it("waits for the soonest reset within the budget and then answers, instead of 429", async () => {
    const { client } = await createGatewayUser(pinned);
    await mock.faults("groq", [{ kind: "rate-limit", retryAfterSeconds: 2 }]);
    const started = Date.now();
    const { data, response } = await client.chat.completions.create(ask("wait for me"), { headers: { "x-freellmapi-wait": "10" } }).withResponse();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(data.choices[0].message.content).toContain("[groq:");
    expect(response.headers.get("x-freellmapi-fallback-trail")).toBe("groq/llama-3.3-70b-versatile:rate_limited,groq/llama-3.3-70b-versatile:ok");
  });

  it("a budget shorter than the reset still answers 429 at once", async () => {
    const { client } = await createGatewayUser(pinned);
    await mock.faults("groq", [{ kind: "rate-limit", retryAfterSeconds: 20 }]);
    const started = Date.now();
    const error = await client.chat.completions.create(ask("too long"), { headers: { "x-freellmapi-wait": "1" } }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("an invalid value is a 400 naming the header", async () => {
    const { plaintext } = await createGatewayUser(pinned);
    for (const value of ["abc", "61", "-1"]) {
      const response = await fetch(`${inject("appUrl")}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json", "x-freellmapi-wait": value },
        body: JSON.stringify(ask("x")),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { param: string; code: string; message: string } };
      expect(body.error).toMatchObject({ code: "invalid_request", param: "x-freellmapi-wait" });
      expect(body.error.message).toContain("x-freellmapi-wait");
    }
  });
});

describe("what is passed through", () => {
  beforeEach(() => mock.reset("groq"));

  it("non-streamed answers (assembled from the upstream stream) carry refusal: null and the usage details", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", pinnedModel: "openai/gpt-oss-120b" }]);
    const answer = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "think first" }] });
    expect(answer.object).toBe("chat.completion");
    expect(answer.choices[0].message.refusal).toBeNull();
    expect(answer.choices[0].finish_reason).toBe("stop");
    expect(answer.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(answer.usage?.prompt_tokens_details).toEqual({ cached_tokens: 0 });
    const [call] = await chatCalls("groq");
    expect(call.body.stream).toBe(true);
  });

  it("streamed usage keeps the upstream's token details", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", pinnedModel: "openai/gpt-oss-120b" }]);
    const stream = await client.chat.completions.create({
      model: "auto",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "think first" }],
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(usage?.prompt_tokens_details).toEqual({ cached_tokens: 0 });
  });
});
