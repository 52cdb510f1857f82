import OpenAI from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const chatCalls = async (provider: Parameters<typeof mock.requests>[0]) =>
  (await mock.requests(provider)).filter((request) => request.path.endsWith("/chat/completions"));

describe("routing and failover", () => {
  beforeEach(() => mock.reset("groq", "gemini", "openrouter", "mistral", "cerebras"));

  it("rotates to another key of the same provider when one is rejected", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", keys: ["gsk_revoked_key", "gsk_test"] }]);
    const answers = await Promise.all(
      [1, 2].map(() => client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "rotate" }] }).withResponse()),
    );
    for (const { data, response } of answers) {
      expect(data.choices[0].message.content).toContain("[groq:");
      expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    }
    // The rejected key really was tried (and refused) before the good one answered.
    const keysTried = (await chatCalls("groq")).map((request) => request.headers.authorization);
    expect(keysTried).toContain("Bearer gsk_revoked_key");
    expect(keysTried).toContain("Bearer gsk_test");
  });

  it("answers 429 all_providers_exhausted with Retry-After when every candidate is limited", async () => {
    const { client } = await createGatewayUser(["groq", "cerebras"]);
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 20 });
    await mock.faults("cerebras", [], { kind: "rate-limit", retryAfterSeconds: 40 });
    const error = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe("all_providers_exhausted");
    const retryAfter = Number(error.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(40);
    expect(error.error.providers.length).toBeGreaterThan(0);
    expect(error.error.request_id).toMatch(/^req_/);
  });

  it("never substitutes a provider/model in strict mode, and falls back to the same model elsewhere otherwise", async () => {
    const { client } = await createGatewayUser(["groq", "openrouter"]);
    await mock.faults("groq", [], { kind: "server-error", status: 503 });
    const strict = await client.chat.completions
      .create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "x" }] }, { headers: { "x-freellmapi-strict": "true" } })
      .catch((e) => e);
    // An upstream error, not a rate limit: 503 (it used to be a misleading 429).
    expect(strict).toBeInstanceOf(OpenAI.InternalServerError);
    expect(strict.status).toBe(503);
    expect(strict.code).toBe("providers_unavailable");
    expect((await chatCalls("openrouter")).length).toBe(0);

    // Without strict, the same weights on OpenRouter answer.
    const { data, response } = await client.chat.completions
      .create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "x" }] })
      .withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("openrouter");
    expect(data.choices[0].message.content).toContain("llama-3.3-70b-instruct:free");
  });

  it("keeps providers that may train on prompts out of the chain with x-freellmapi-privacy", async () => {
    const { client } = await createGatewayUser(["mistral", "groq"]);
    const { response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: "private" }] }, { headers: { "x-freellmapi-privacy": "no-training" } })
      .withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(await chatCalls("mistral")).toHaveLength(0);
  });

  it("fails over invisibly when a stream breaks before its first delta", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    await mock.faults("groq", [], { kind: "stream-cut", afterChunks: 0 });
    const stream = await client.chat.completions.create({ model: "auto", stream: true, messages: [{ role: "user", content: "cut" }] });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toContain("[gemini:");
  });

  it("ends the stream with an error event when the upstream breaks mid-answer", async () => {
    const { client } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "stream-cut", afterChunks: 3 }]);
    const stream = await client.chat.completions.create({ model: "auto", stream: true, messages: [{ role: "user", content: "a long enough answer to cut" }] });
    let text = "";
    const consume = async () => {
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
        text += (delta?.content ?? "") + (delta?.reasoning_content ?? "");
      }
    };
    // The SDK raises the gateway's in-stream error event, not a parse error or a hang.
    await expect(consume()).rejects.toThrow(/Upstream stream failed/);
    // The chunks sent before the cut reached the client; nothing else answered in their place.
    expect(text.length).toBeGreaterThan(0);
    expect(await chatCalls("groq")).toHaveLength(1);
  });

  it("aborts the upstream call when the client goes away", async () => {
    const { client } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "slow", beforeFirstChunkMs: 3_000 }]);
    const controller = new AbortController();
    const pending = client.chat.completions.create(
      { model: "auto", stream: true, messages: [{ role: "user", content: "slow" }] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    await expect(
      pending.then(async (stream) => {
        for await (const _ of stream) void _;
      }),
    ).rejects.toThrow();
    // The gateway closes its upstream connection long before the mock's 3 s first chunk would come.
    const deadline = Date.now() + 2_000;
    let calls = await chatCalls("groq");
    while (!calls[0]?.clientClosed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      calls = await chatCalls("groq");
    }
    expect(calls).toHaveLength(1);
    expect(calls[0].clientClosed).toBe(true);
  });

  it("stops accepting a revoked key at once", async () => {
    const { client, user } = await createGatewayUser(["groq"]);
    await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "before" }] });
    await revokeApiKey(user.id, { name: "test" });
    // Revoked in another process (this test) than the app: the app's cache holds it at most 5 s.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const error = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "after" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
