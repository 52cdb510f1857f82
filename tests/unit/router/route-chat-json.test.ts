import { afterEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/router/errors";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { key, makeContext } from "./support/context";
import { completion, json, startMockUpstream } from "@/tests/mocks/scripted-upstream";

const ENV = { groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL", mistral: "MISTRAL_BASE_URL" };
const request = (extra: Record<string, unknown> = {}) =>
  chatCompletionRequestSchema.parse({ model: "auto", messages: [{ role: "user", content: "hello" }], ...extra });
let mock: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("routeChatCompletion (non-streaming, real HTTP upstreams)", () => {
  it("fails over from a 429 with retry-after to the next provider, and remembers the cooldown", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      if (hit.provider === "groq")
        return json(
          res,
          429,
          { error: { message: "Rate limit reached on requests per minute (RPM)", type: "requests", code: "rate_limit_exceeded" } },
          { "retry-after": "7" },
        );
      json(res, 200, completion("hi from gemini"));
    });
    const { ctx, outcomes, decrypted } = makeContext();
    const response = await routeChatCompletion(request(), ctx);
    expect(response.kind).toBe("json");
    if (response.kind !== "json") return;
    expect((response.body as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe("hi from gemini");
    expect(response.headers["x-freellmapi-provider"]).toBe("gemini");
    expect(response.headers["x-freellmapi-attempts"]).toBe("2");
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("groq/llama-3.3-70b-versatile:rate_limited,gemini/gemini-2.5-flash:ok");
    expect(Number(response.headers["x-freellmapi-overhead-ms"])).toBeGreaterThanOrEqual(0);
    expect(mock.hits[0].headers.authorization).toBe("Bearer kg-secret");
    expect(mock.hits[0].path).toBe("/chat/completions");
    expect(decrypted).toEqual(["sealed(kg-secret)", "sealed(kge-secret)"]);
    const blocked = await ctx.state.listBlocked();
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({ target: "kg:llama-3.3-70b-versatile", reason: "rate_limited" });
    expect(blocked[0].until - Date.now()).toBeGreaterThan(5_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(outcomes[0]).toMatchObject({ status: "ok", providerId: "gemini", keyId: "kge", promptTokens: 11, completionTokens: 3, usageEstimated: false });
    expect(outcomes[0].attempts.map((a) => a.result)).toEqual(["rate_limited_short", "ok"]);

    // The next request skips the cooled-down target without calling it.
    const again = await routeChatCompletion(request(), ctx);
    expect(again.headers["x-freellmapi-attempts"]).toBe("1");
    expect(mock.hits.filter((h) => h.provider === "groq")).toHaveLength(1);
  });

  it("reports an invalid key through onKeyInvalid and moves on", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      if (hit.provider === "groq") return json(res, 401, { error: { message: "Invalid API Key", type: "invalid_request_error", code: "invalid_api_key" } });
      json(res, 200, completion("ok"));
    });
    const { ctx, invalid } = makeContext();
    const response = await routeChatCompletion(request(), ctx);
    expect(response.headers["x-freellmapi-provider"]).toBe("gemini");
    expect(invalid).toEqual([["kg", "Invalid API Key"]]);
    expect((await ctx.state.listBlocked()).map((b) => [b.target, b.reason])).toEqual([["kg:*", "auth_invalid"]]);
  });

  it("throws all_providers_exhausted with the earliest retry time when everything is rate limited", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      const retry = hit.provider === "groq" ? "30" : "12";
      json(res, 429, { error: { message: "Rate limit exceeded" } }, { "retry-after": retry });
    });
    const { ctx, outcomes } = makeContext();
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.code).toBe("all_providers_exhausted");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(12);
    expect(error.providers.map((p: { provider: string; state: string }) => `${p.provider}:${p.state}`)).toEqual([
      "groq:rate_limited_short",
      "gemini:rate_limited_short",
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(outcomes[0]).toMatchObject({ status: "error", errorCode: "all_providers_exhausted" });
    expect(outcomes[0].attempts).toHaveLength(2);
  });

  it("opens the breaker after repeated 5xx and respects maxAttempts", async () => {
    mock = await startMockUpstream(ENV, (_hit, res) => json(res, 503, { error: { message: "overloaded" } }));
    const keys = [key("a", "groq"), key("b", "groq"), key("c", "groq")];
    const { ctx } = makeContext({
      keys,
      chain: [{ providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: true }],
      options: { maxAttempts: 2, deadlineMs: 10_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 3_000 },
    });
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    expect(error.code).toBe("providers_unavailable");
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(mock.hits).toHaveLength(2);
    expect(error.providers.some((p: { state: string }) => p.state === "not_tried")).toBe(true);
  });

  it("all providers answering 400 becomes invalid_request with the upstream message", async () => {
    mock = await startMockUpstream(ENV, (_hit, res) => json(res, 400, { error: { message: "messages[0].content is weird", type: "invalid_request_error" } }));
    const { ctx } = makeContext();
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("messages[0].content is weird");
  });

  it("applies request transforms on the wire and estimates usage when the provider sends none", async () => {
    mock = await startMockUpstream(ENV, (_hit, res) => json(res, 200, { ...completion("12345678"), usage: undefined }));
    const { ctx, done } = makeContext({ chain: [{ providerId: "mistral", pinnedModel: "mistral-small-latest", enabled: true }], keys: [key("m", "mistral")] });
    const response = await routeChatCompletion(request({ seed: 3, logit_bias: { 1: 1 }, max_tokens: 999_999 }), ctx);
    expect(mock.hits[0].body).toMatchObject({ model: "mistral-small-latest", random_seed: 3, max_tokens: 32_768 });
    expect(mock.hits[0].body).not.toHaveProperty("logit_bias");
    const body = (response as { body: { usage: { completion_tokens: number } } }).body;
    expect(body.usage.completion_tokens).toBe(2);
    expect((await done).usageEstimated).toBe(true);
  });

  it("skips a provider whose success headers said its window is spent", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      const headers: Record<string, string> = hit.provider === "groq" ? { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1m0s" } : {};
      json(res, 200, completion(hit.provider), headers);
    });
    const { ctx } = makeContext();
    const first = await routeChatCompletion(request(), ctx);
    expect(first.headers["x-freellmapi-provider"]).toBe("groq");
    await new Promise((r) => setTimeout(r, 5));
    const second = await routeChatCompletion(request(), ctx);
    expect(second.headers["x-freellmapi-provider"]).toBe("gemini");
  });
});
