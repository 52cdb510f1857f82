import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function withFault(profile: Parameters<typeof startMockProvider>[0]["profile"], model: string, fault: object) {
  mock = await startMockProvider({ profile, faults: [fault as never] });
  const res = await chat(mock, { model });
  return { res, body: (await res.json()) as any };
}

describe("HTTP error faults", () => {
  it("bad key: groq 401 invalid_api_key, gemini 400 API_KEY_INVALID", async () => {
    const groq = await withFault("groq", "llama-3.3-70b-versatile", { kind: "bad-key" });
    expect(groq.res.status).toBe(401);
    expect(groq.body).toEqual({ error: { message: "Invalid API Key", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    await mock!.close();
    const gemini = await withFault("gemini", "gemini-2.5-flash", { kind: "bad-key" });
    expect(gemini.res.status).toBe(400);
    expect(gemini.body[0].error.details[0].reason).toBe("API_KEY_INVALID");
  });

  it("a missing Authorization header is refused like a bad key, except Kilo :free", async () => {
    mock = await startMockProvider({ profile: "kilo" });
    expect((await chat(mock, { model: "minimax/minimax-m2.5:free" }, null)).status).toBe(200);
    expect((await chat(mock, { model: "anthropic/claude-sonnet-4.5" }, null)).status).toBe(401);
    expect((await chat(mock, { model: "minimax/minimax-m2.5:free" }, "fake")).status).toBe(401);
  });

  it("402: OpenRouter credits message", async () => {
    const { res, body } = await withFault("openrouter", "openai/gpt-4o-mini", { kind: "payment-required" });
    expect(res.status).toBe(402);
    expect(body.error.code).toBe(402);
    expect(body.error.message).toContain("requires more credits");
  });

  it("404 model gone: OpenRouter 'No endpoints found', Groq model_not_found", async () => {
    const or = await withFault("openrouter", "qwen/qwen3-coder:free", { kind: "model-gone" });
    expect(or.res.status).toBe(404);
    expect(or.body.error.message).toBe("No endpoints found for qwen/qwen3-coder:free.");
    await mock!.close();
    const groq = await withFault("groq", "llama-3.1-8b-instant", { kind: "model-gone" });
    expect(groq.body.error.code).toBe("model_not_found");
    expect(groq.body.error.message).toBe("The model `llama-3.1-8b-instant` does not exist or you do not have access to it.");
  });

  it("413: Groq request too large for TPM", async () => {
    const { res, body } = await withFault("groq", "llama-3.1-8b-instant", { kind: "too-large" });
    expect(res.status).toBe(413);
    expect(body.error.message).toMatch(/^Request too large for model `llama-3.1-8b-instant`.*Limit 6000, Requested \d+/);
    expect(body.error.code).toBe("rate_limit_exceeded");
  });

  it.each([500, 502, 503] as const)("%i with each provider's body", async (status) => {
    const openrouter = await withFault("openrouter", "openai/gpt-4o-mini", { kind: "server-error", status });
    expect(openrouter.res.status).toBe(status);
    expect(openrouter.body.error.code).toBe(status);
    await mock!.close();
    const nvidia = await withFault("nvidia", "meta/llama-3.3-70b-instruct", { kind: "server-error", status });
    expect(nvidia.body.status).toBe(status);
    await mock!.close();
    const gemini = await withFault("gemini", "gemini-2.5-flash", { kind: "server-error", status });
    expect(gemini.body[0].error.code).toBe(status);
    await mock!.close();
    const groq = await withFault("groq", "llama-3.3-70b-versatile", { kind: "server-error", status });
    expect(groq.body.error.type).toBe("server_error");
  });

  it("nvidia DEGRADED deployment is a 400 with detail", async () => {
    const { res, body } = await withFault("nvidia", "meta/llama-3.3-70b-instruct", { kind: "degraded" });
    expect(res.status).toBe(400);
    expect(body.detail).toMatch(/DEGRADED function cannot be invoked$/);
  });

  it("http fault sends any status, body and headers verbatim", async () => {
    const { res, body } = await withFault("openai", "gpt-4o-mini", { kind: "http", status: 410, body: { gone: true }, headers: { "x-test": "1" } });
    expect(res.status).toBe(410);
    expect(res.headers.get("x-test")).toBe("1");
    expect(body).toEqual({ gone: true });
  });
});

describe("fault scripting", () => {
  it("consumes the queue in order, honours times and model matching, then the default", async () => {
    mock = await startMockProvider({ profile: "groq" });
    mock.setFaults(
      [
        { kind: "server-error", status: 503, model: "llama-3.1-8b-instant" },
        { kind: "rate-limit", times: 2 },
      ],
      { kind: "server-error", status: 500 },
    );
    const statuses: number[] = [];
    statuses.push((await chat(mock, { model: "llama-3.3-70b-versatile" })).status);
    statuses.push((await chat(mock, { model: "llama-3.1-8b-instant" })).status);
    statuses.push((await chat(mock, { model: "llama-3.3-70b-versatile" })).status);
    statuses.push((await chat(mock, { model: "llama-3.3-70b-versatile" })).status);
    expect(statuses).toEqual([429, 503, 429, 500]);
    expect(mock.requests.map((r) => r.fault)).toEqual(["rate-limit", "server-error", "rate-limit", "server-error"]);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect((await chat(mock, { model: "llama-3.3-70b-versatile" })).status).toBe(200);
  });

  it("enqueue appends; an ok entry lets one request through; GET /models is untouched by default", async () => {
    mock = await startMockProvider({ profile: "openai" });
    mock.enqueue({ kind: "ok" }, { kind: "bad-key" });
    expect(mock.pendingFaults).toBe(2);
    const models = await fetch(`${mock.url}/models`, { headers: { authorization: "Bearer sk-test" } });
    expect(models.status).toBe(200);
    expect((await chat(mock, { model: "gpt-4o-mini" })).status).toBe(200);
    expect((await chat(mock, { model: "gpt-4o-mini" })).status).toBe(401);
    expect(mock.pendingFaults).toBe(0);
  });

  it("the /__mock control routes script faults and expose the log over HTTP", async () => {
    mock = await startMockProvider({ profile: "cerebras" });
    await fetch(`${mock.origin}/__mock/faults`, { method: "POST", body: JSON.stringify({ faults: [{ kind: "rate-limit" }] }) });
    expect((await chat(mock, { model: "gemma-4-31b" })).status).toBe(429);
    const log = (await (await fetch(`${mock.origin}/__mock/requests`)).json()) as { requests: Array<{ fault?: string }> };
    expect(log.requests.map((r) => r.fault)).toEqual(["rate-limit"]);
    await fetch(`${mock.origin}/__mock/reset`, { method: "POST" });
    expect(mock.requests).toHaveLength(0);
  });
});
