import OpenAI from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

// One test per row of "When no provider answers" in docs/ROUTING.md (the 429 row: routing.test.ts).
const ask = { model: "auto", messages: [{ role: "user" as const, content: "x" }] };

describe("when no candidate answers, the status says why", () => {
  beforeEach(() => mock.reset("groq", "gemini", "cerebras"));

  it("503 providers_unavailable with Retry-After when the failures were upstream errors, with or without some rate limits", async () => {
    const { client } = await createGatewayUser(["groq", "cerebras"]);
    await mock.faults("groq", [], { kind: "server-error", status: 500 });
    await mock.faults("cerebras", [], { kind: "server-error", status: 503 });
    const error = await client.chat.completions.create(ask).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(503);
    expect(error.code).toBe("providers_unavailable");
    expect(Number(error.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(error.error.providers.map((p: { state: string }) => p.state)).toContain("provider_unhealthy");

    const mixed = await createGatewayUser(["groq", "cerebras"]);
    await mock.faults("cerebras", [], { kind: "rate-limit", retryAfterSeconds: 40 });
    const both = await mixed.client.chat.completions.create(ask).catch((e) => e);
    expect(both.status).toBe(503);
    expect(Number(both.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(both.error.providers.map((p: { state: string }) => p.state)).toEqual(expect.arrayContaining(["provider_unhealthy", "rate_limited_short"]));
  });

  it("424 provider_keys_invalid, saying where to fix it and without Retry-After, when every key is rejected", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", keys: ["gsk_rejected"] }]);
    const first = await client.chat.completions.create(ask).catch((e) => e);
    expect(first).toBeInstanceOf(OpenAI.APIError);
    expect(first.status).toBe(424);
    expect(first.code).toBe("provider_keys_invalid");
    expect(first.message).toMatch(/dashboard/);
    expect(first.headers.get("retry-after")).toBeNull();
    expect(first.error.providers[0]).toMatchObject({ provider: "groq", state: "auth_invalid" });
    // The key is now marked invalid: the next request says the same without calling anyone.
    const second = await client.chat.completions.create(ask).catch((e) => e);
    expect(second.status).toBe(424);
    expect(second.code).toBe("provider_keys_invalid");
    expect(second.headers.get("retry-after")).toBeNull();
  });

  it("400 context_length_exceeded when the prompt is too large for every model", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    await mock.faults("groq", [], { kind: "too-large" });
    await mock.faults("gemini", [], { kind: "too-large" });
    const error = await client.chat.completions.create(ask).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("context_length_exceeded");
    expect(error.headers.get("retry-after")).toBeNull();
    expect(error.error.providers.length).toBeGreaterThan(0);
  });

  it("400 invalid_request when every provider rejected the request itself", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", pinnedModel: "llama-3.3-70b-versatile" }]);
    await mock.faults("groq", [], { kind: "http", status: 400, body: { error: { message: "'logit_bias' is not supported", type: "invalid_request_error" } } });
    const error = await client.chat.completions.create(ask).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("logit_bias");
    expect(error.error.providers).toHaveLength(1);
  });
});
