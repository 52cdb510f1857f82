import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function rateLimited(profile: Parameters<typeof startMockProvider>[0]["profile"], model: string, fault: Record<string, unknown> = {}) {
  mock = await startMockProvider({ profile, faults: [{ kind: "rate-limit", ...fault } as never] });
  const res = await chat(mock, { model });
  return { res, body: (await res.json()) as any };
}

describe("rate-limit faults, one shape per provider", () => {
  it("groq: TPM prose with Go duration, retry-after seconds and x-ratelimit headers", async () => {
    const { res, body } = await rateLimited("groq", "llama-3.3-70b-versatile");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("12");
    expect(res.headers.get("x-ratelimit-reset-tokens")).toBe("11.455s");
    expect(body.error).toMatchObject({ type: "tokens", code: "rate_limit_exceeded" });
    expect(body.error.message).toContain("tokens per minute (TPM)");
    expect(body.error.message).toContain("Please try again in 11.455s.");
  });

  it("groq: daily TPD variant says 'Please try again in 9m38.016s.'", async () => {
    const { res, body } = await rateLimited("groq", "llama-3.3-70b-versatile", { window: "day" });
    expect(res.headers.get("retry-after")).toBe("579");
    expect(body.error.message).toContain("tokens per day (TPD)");
    expect(body.error.message).toContain("Please try again in 9m38.016s.");
  });

  it("cerebras: flat body and float-second reset headers", async () => {
    const { res, body } = await rateLimited("cerebras", "gemma-4-31b", { retryAfterSeconds: 7.25 });
    expect(res.status).toBe(429);
    expect(body).toEqual({
      message: "Requests per minute limit exceeded - too many requests sent.",
      type: "too_many_requests_error",
      param: "quota",
      code: "request_quota_exceeded",
    });
    expect(res.headers.get("x-ratelimit-reset-tokens-minute")).toBe("7.25");
    expect(res.headers.get("x-ratelimit-reset-requests-day")).toBe("7.25");
  });

  it("openrouter: free-models-per-day with epoch-ms X-RateLimit-Reset at next UTC midnight", async () => {
    const { res, body } = await rateLimited("openrouter", "meta-llama/llama-3.3-70b-instruct:free", { window: "day" });
    expect(res.status).toBe(429);
    const reset = Number(res.headers.get("x-ratelimit-reset"));
    const now = new Date();
    expect(reset).toBe(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(body.error.code).toBe(429);
    expect(body.error.message).toBe("Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day");
    expect(body.error.metadata.headers["X-RateLimit-Reset"]).toBe(String(reset));
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("openrouter: upstream shared pool body with metadata.raw", async () => {
    const { body } = await rateLimited("openrouter", "meta-llama/llama-3.3-70b-instruct:free", { variant: "upstream-pool" });
    expect(body.error.message).toBe("Provider returned error");
    expect(body.error.metadata.limit_source).toBe("upstream_provider_shared_pool");
    expect(body.error.metadata.raw).toContain("is temporarily rate-limited upstream");
  });

  it("openrouter: high-balance variant has a string code", async () => {
    const { body } = await rateLimited("openrouter", "openai/gpt-oss-20b:free", { variant: "high-balance" });
    expect(body.error).toMatchObject({ code: "429", type: "rate_limit_error" });
  });

  it("gemini: PerMinute quotaId and RetryInfo retryDelay, array-wrapped", async () => {
    const { res, body } = await rateLimited("gemini", "gemini-2.5-flash", { retryAfterSeconds: 45.578569677 });
    expect(res.status).toBe(429);
    expect(Array.isArray(body)).toBe(true);
    const error = body[0].error;
    expect(error.status).toBe("RESOURCE_EXHAUSTED");
    expect(error.message).toContain("Please retry in 45.578569677s.");
    const quota = error.details.find((d: any) => d["@type"].endsWith("QuotaFailure"));
    expect(quota.violations[0].quotaId).toBe("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    const retry = error.details.find((d: any) => d["@type"].endsWith("RetryInfo"));
    expect(retry.retryDelay).toBe("45s");
  });

  it("gemini: PerDay quota, unwrapped when asked", async () => {
    const { body } = await rateLimited("gemini", "gemini-2.5-flash", { window: "day", arrayWrapped: false });
    expect(body.error.details[0].violations[0].quotaId).toBe("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
    expect(body.error.message).toContain("limit: 20, model: gemini-2.5-flash");
  });

  it("gemini: limit 0 for a model off the free tier, without any fault", async () => {
    mock = await startMockProvider({ profile: "gemini" });
    const res = await chat(mock, { model: "gemini-2.5-pro" });
    const body = (await res.json()) as any;
    expect(res.status).toBe(429);
    expect(body[0].error.message).toContain("limit: 0, model: gemini-2.5-pro");
  });

  it("gemini: bare RESOURCE_EXHAUSTED variant", async () => {
    const { body } = await rateLimited("gemini", "gemini-2.5-flash", { variant: "bare", arrayWrapped: false });
    expect(body).toEqual({ error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED" } });
  });

  it("mistral: 2026 body with code 1300 and Retry-After, and the legacy body", async () => {
    const { res, body } = await rateLimited("mistral", "mistral-small-latest", { retryAfterSeconds: 3 });
    expect(res.headers.get("retry-after")).toBe("3");
    expect(body).toEqual({ object: "error", message: "Rate limit exceeded", type: "rate_limited", param: null, code: "1300", raw_status_code: 429 });
    await mock!.close();
    const legacy = await rateLimited("mistral", "mistral-small-latest", { variant: "legacy" });
    expect(legacy.body).toEqual({ message: "Requests rate limit exceeded" });
  });

  it("nvidia: RFC-7807-like body without an error key", async () => {
    const { res, body } = await rateLimited("nvidia", "meta/llama-3.3-70b-instruct");
    expect(res.status).toBe(429);
    expect(body).toEqual({ status: 429, title: "Too Many Requests" });
  });

  it("openai: RPM rate_limit_exceeded and insufficient_quota for the daily window", async () => {
    const minute = await rateLimited("openai", "gpt-4o-mini", { retryAfterSeconds: 2 });
    expect(minute.res.headers.get("retry-after")).toBe("2");
    expect(minute.body.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
    await mock!.close();
    const day = await rateLimited("openai", "gpt-4o-mini", { window: "day" });
    expect(day.body.error.code).toBe("insufficient_quota");
  });
});
