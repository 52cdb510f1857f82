import { describe, expect, it } from "vitest";
import { classifyUpstreamError } from "@/lib/providers/classify-error";
import type { ProviderId } from "@/lib/providers/types";

const NOW = 1_800_000_000_000;
const classify = (providerId: ProviderId, status: number, body: unknown, headers: Record<string, string> = {}) =>
  classifyUpstreamError({ providerId, status, headers, body: typeof body === "string" ? body : JSON.stringify(body), now: NOW });

const geminiQuota = (quotaId: string, limit = 20) => ({
  error: {
    code: 429,
    message: `You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: ${limit}, model: gemini-2.5-flash\nPlease retry in 45.578569677s.`,
    status: "RESOURCE_EXHAUSTED",
    details: [
      { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaId }] },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "45s" },
    ],
  },
});

describe("classifyUpstreamError", () => {
  it("OpenRouter daily free cap: quota_exhausted_day with the epoch-ms reset from metadata", () => {
    const reset = String(NOW + 3_600_000);
    const failure = classify("openrouter", 429, {
      error: {
        message: "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
        code: 429,
        metadata: { headers: { "X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset } },
      },
    });
    expect(failure.kind).toBe("quota_exhausted_day");
    expect(failure.retryAfterMs).toBe(3_600_000);
  });

  it("OpenRouter high-balance variant with a string code", () => {
    const f = classify("openrouter", 429, {
      error: { message: "Rate limit exceeded: free-models-per-day-high-balance. ", type: "rate_limit_error", code: "429" },
    });
    expect(f.kind).toBe("quota_exhausted_day");
  });

  it("OpenRouter upstream shared pool is a short rate limit, X-RateLimit-Reset header in epoch ms", () => {
    const f = classify(
      "openrouter",
      429,
      {
        error: {
          message: "Provider returned error",
          code: 429,
          metadata: {
            raw: "meta-llama/llama-3.3-70b-instruct:free is temporarily rate-limited upstream. Please retry shortly",
            provider_name: "Venice",
            limit_source: "upstream_provider_shared_pool",
          },
        },
      },
      { "X-RateLimit-Reset": String(NOW + 20_000) },
    );
    expect(f.kind).toBe("rate_limited_short");
    expect(f.retryAfterMs).toBe(20_000);
  });

  it("OpenRouter 402, 404 no endpoints, 404 data policy, 401", () => {
    expect(classify("openrouter", 402, { error: { code: 402, message: "This request requires more credits, or fewer max_tokens." } }).kind).toBe(
      "not_on_free_tier",
    );
    expect(classify("openrouter", 404, { error: { code: 404, message: "No endpoints found for qwen/x:free." } }).kind).toBe("model_gone");
    expect(classify("openrouter", 404, { error: { code: 404, message: "No endpoints found matching your data policy. Check your settings" } }).kind).toBe(
      "not_on_free_tier",
    );
    expect(classify("openrouter", 401, { error: { code: 401, message: "User not found." } }).kind).toBe("auth_invalid");
  });

  it("Gemini per-minute and per-day quotas, retryDelay, limit: 0 and array-wrapped bodies", () => {
    const minute = classify("gemini", 429, geminiQuota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"));
    expect(minute.kind).toBe("rate_limited_short");
    expect(minute.retryAfterMs).toBe(45_000);
    expect(classify("gemini", 429, geminiQuota("GenerateRequestsPerDayPerProjectPerModel-FreeTier")).kind).toBe("quota_exhausted_day");
    expect(classify("gemini", 429, geminiQuota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", 0)).kind).toBe("not_on_free_tier");
    const wrapped = classify("gemini", 429, [
      { error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED" } },
    ]);
    expect(wrapped.kind).toBe("rate_limited_short");
    expect(wrapped.message).toContain("Resource has been exhausted");
  });

  it("Gemini prose retry hint when no RetryInfo detail", () => {
    const f = classify("gemini", 429, { error: { code: 429, message: "Quota exceeded. Please retry in 45.578569677s.", status: "RESOURCE_EXHAUSTED" } });
    expect(f.retryAfterMs).toBe(45_579);
  });

  it("Gemini invalid key arrives as 400 API_KEY_INVALID", () => {
    const f = classify("gemini", 400, {
      error: { code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }] },
    });
    expect(f.kind).toBe("auth_invalid");
  });

  it("Groq TPM (retry-after header), TPD with Go-duration prose, 413, 401, 404 and tool_use_failed", () => {
    const tpm = classify(
      "groq",
      429,
      {
        error: {
          message:
            "Rate limit reached for model `llama-3.3-70b-versatile` on tokens per minute (TPM): Limit 12000, Used 4437, Requested 9854. Please try again in 11.455s.",
          type: "tokens",
          code: "rate_limit_exceeded",
        },
      },
      { "retry-after": "12" },
    );
    expect(tpm).toMatchObject({ kind: "rate_limited_short", retryAfterMs: 12_000 });
    const tpd = classify("groq", 429, {
      error: {
        message: "Rate limit reached on tokens per day (TPD): Limit 100000, Used 97050, Requested 3619. Please try again in 9m38.016s.",
        type: "tokens",
        code: "rate_limit_exceeded",
      },
    });
    expect(tpd).toMatchObject({ kind: "quota_exhausted_day", retryAfterMs: 578_016 });
    expect(
      classify("groq", 413, {
        error: {
          message: "Request too large for model `llama-3.1-8b-instant` on tokens per minute (TPM): Limit 6000, Requested 12328",
          type: "tokens",
          code: "rate_limit_exceeded",
        },
      }).kind,
    ).toBe("request_too_large");
    expect(classify("groq", 401, { error: { message: "Invalid API Key", type: "invalid_request_error", code: "invalid_api_key" } }).kind).toBe("auth_invalid");
    expect(
      classify("groq", 404, { error: { message: "The model `llama3.1-405b` does not exist or you do not have access to it.", code: "model_not_found" } }).kind,
    ).toBe("model_gone");
    expect(classify("groq", 400, { error: { message: "Failed to call a function.", type: "invalid_request_error", code: "tool_use_failed" } }).kind).toBe(
      "bad_request_provider_specific",
    );
  });

  it("Cerebras flat 429 body with float-second reset header", () => {
    const f = classify(
      "cerebras",
      429,
      {
        message: "Requests per minute limit exceeded - too many requests sent.",
        type: "too_many_requests_error",
        param: "quota",
        code: "request_quota_exceeded",
      },
      { "x-ratelimit-reset-tokens-minute": "11.382867097854614" },
    );
    expect(f).toMatchObject({ kind: "rate_limited_short", retryAfterMs: 11_383, upstreamCode: "request_quota_exceeded" });
  });

  it("Mistral 2026 and legacy 429 bodies, 422 with an object message", () => {
    expect(
      classify(
        "mistral",
        429,
        { object: "error", message: "Rate limit exceeded", type: "rate_limited", param: null, code: "1300", raw_status_code: 429 },
        { "retry-after": "3" },
      ),
    ).toMatchObject({ kind: "rate_limited_short", retryAfterMs: 3000 });
    expect(classify("mistral", 429, { message: "Requests rate limit exceeded" }).kind).toBe("rate_limited_short");
    const f = classify("mistral", 422, {
      object: "error",
      message: { detail: [{ type: "extra_forbidden", loc: ["body", "stream_options"], msg: "Extra inputs are not permitted" }] },
      type: "invalid_request_error",
    });
    expect(f.kind).toBe("bad_request_provider_specific");
    expect(f.message).toContain("body.stream_options: Extra inputs are not permitted");
  });

  it("NVIDIA problem+json 429, DEGRADED 400, end of life", () => {
    expect(classify("nvidia", 429, { status: 429, title: "Too Many Requests" }).kind).toBe("rate_limited_short");
    expect(classify("nvidia", 400, { detail: "Function id 'abc': DEGRADED function cannot be invoked" }).kind).toBe("provider_unhealthy");
    expect(classify("nvidia", 400, { detail: "This model only supports single tool-calls at once!" }).kind).toBe("bad_request_provider_specific");
    expect(classify("nvidia", 400, { error: { message: "The model 'minimaxai/minimax-m2.7' has reached its end of life on 2026-07-27" } }).kind).toBe(
      "model_gone",
    );
  });

  it("Z.ai string codes: 1302 concurrency, 1113 balance, 1261 too long", () => {
    expect(classify("zai", 429, { error: { code: "1302", message: "High concurrency usage of this API" } }).kind).toBe("rate_limited_short");
    expect(classify("zai", 429, { error: { code: "1113", message: "Insufficient balance or no resource package. Please recharge." } }).kind).toBe(
      "not_on_free_tier",
    );
    expect(classify("zai", 400, { error: { code: "1261", message: "Prompt exceeds max length" } }).kind).toBe("request_too_large");
  });

  it("Cloudflare v4 envelope with the daily neuron allocation", () => {
    const f = classify("cloudflare", 429, {
      success: false,
      errors: [{ code: 4006, message: "you have used up your daily free allocation of 10,000 neurons" }],
      messages: [],
      result: null,
    });
    expect(f.kind).toBe("quota_exhausted_day");
  });

  it("Ollama subscription, HF 402, context length, 5xx and plain text bodies", () => {
    expect(classify("ollama", 403, "this model requires a subscription, upgrade for access").kind).toBe("not_on_free_tier");
    expect(classify("huggingface", 402, "Payment required").kind).toBe("not_on_free_tier");
    expect(classify("groq", 400, { error: { message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded" } }).kind).toBe(
      "request_too_large",
    );
    expect(classify("openrouter", 503, "<html>bad gateway</html>").kind).toBe("provider_unhealthy");
    expect(classify("ollama", 410, "Gone").kind).toBe("model_gone");
  });

  it("Retry-After as an HTTP date", () => {
    const f = classify("mistral", 429, { message: "Requests rate limit exceeded" }, { "retry-after": new Date(NOW + 30_000).toUTCString() });
    expect(f.retryAfterMs).toBe(30_000);
  });
});
