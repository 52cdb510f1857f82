import { describe, expect, it } from "vitest";
import { PROVIDERS, findModelSpec } from "@/lib/providers/catalog";
import type { ClassifiedFailure, FailureKind } from "@/lib/providers/classify-error";
import type { ProviderId } from "@/lib/providers/types";
import type { Candidate } from "@/lib/router/candidate";
import { decideFailureAction } from "@/lib/router/failure-policy";
import { limitReachedUntil } from "@/lib/router/limit-check";
import { nextWindowReset, usageWindows } from "@/lib/router/usage-windows";

const NOW = Date.UTC(2026, 10, 21, 15, 30); // 07:30 in Los Angeles (PST)
const candidate = (providerId: ProviderId, model: string): Candidate => ({
  providerId,
  provider: PROVIDERS[providerId],
  model,
  spec: findModelSpec(providerId, model),
  key: { id: "k", providerId, label: "…test", encryptedSecret: "", baseUrl: null, status: "active", models: null },
  target: `k:${model}`,
  keyTarget: "k:*",
});
const failure = (kind: FailureKind, extra: Partial<ClassifiedFailure> = {}): ClassifiedFailure => ({
  kind,
  status: 429,
  message: "",
  upstreamCode: null,
  retryAfterMs: null,
  ...extra,
});

describe("decideFailureAction", () => {
  it("benches daily quotas until the provider's window resets", () => {
    expect(decideFailureAction(candidate("gemini", "gemini-2.5-flash"), failure("quota_exhausted_day", { retryAfterMs: 45_000 }), NOW)).toEqual({
      type: "block",
      target: "k:gemini-2.5-flash",
      until: Date.UTC(2026, 10, 22, 8, 0),
      reason: "quota_exhausted",
    });
    // OpenRouter's daily cap is account-wide: the whole key is benched until UTC midnight.
    expect(decideFailureAction(candidate("openrouter", "qwen/qwen3-coder:free"), failure("quota_exhausted_day"), NOW)).toMatchObject({
      target: "k:*",
      until: Date.UTC(2026, 10, 22),
    });
    // Groq's rolling TPD trusts the hint.
    expect(decideFailureAction(candidate("groq", "llama-3.3-70b-versatile"), failure("quota_exhausted_day", { retryAfterMs: 578_016 }), NOW)).toMatchObject({
      until: NOW + 578_016,
    });
  });

  it("short rate limits use the hint, else exponential backoff per target", () => {
    const c = candidate("mistral", "mistral-small-latest");
    expect(decideFailureAction(c, failure("rate_limited_short", { retryAfterMs: 3000 }), NOW)).toMatchObject({ until: NOW + 3000, reason: "rate_limited" });
    const a = decideFailureAction(c, failure("rate_limited_short"), NOW) as { until: number };
    const b = decideFailureAction(c, failure("rate_limited_short"), NOW + 1) as { until: number };
    expect(a.until - NOW).toBe(15_000);
    expect(b.until - (NOW + 1)).toBe(30_000);
  });

  it("auth benches the key, 402 the key, limit:0 the model, 5xx feeds the breaker, 400 does nothing", () => {
    const c = candidate("groq", "llama-3.3-70b-versatile");
    expect(decideFailureAction(c, failure("auth_invalid", { status: 401 }), NOW)).toMatchObject({ target: "k:*", reason: "auth_invalid" });
    expect(decideFailureAction(c, failure("not_on_free_tier", { status: 402 }), NOW)).toMatchObject({ target: "k:*", until: NOW + 86_400_000 });
    expect(decideFailureAction(c, failure("not_on_free_tier"), NOW)).toMatchObject({ target: "k:llama-3.3-70b-versatile" });
    expect(decideFailureAction(c, failure("provider_unhealthy", { status: 503 }), NOW)).toEqual({ type: "breaker", target: "k:llama-3.3-70b-versatile" });
    expect(decideFailureAction(c, failure("bad_request_provider_specific", { status: 400 }), NOW)).toEqual({ type: "none" });
  });
});

describe("usage windows and counted limits", () => {
  it("keys day windows by UTC, Pacific or month", () => {
    const late = Date.UTC(2026, 10, 22, 3, 0); // 19:00 on the 21st in Los Angeles
    expect(usageWindows("utc-day", late).day).toBe("2026-11-22");
    expect(usageWindows("pacific-day", late).day).toBe("2026-11-21");
    expect(usageWindows("monthly", late).day).toBe("2026-11");
    expect(nextWindowReset("monthly", late)).toBe(Date.UTC(2026, 11, 1));
  });

  it("stops a target whose counted usage reached the catalog limit", () => {
    const limits = findModelSpec("groq", "llama-3.3-70b-versatile")!.limits;
    const usage = { minuteRequests: 30, minuteTokens: 0, dayRequests: 100, dayTokens: 0 };
    expect(limitReachedUntil(limits, usage, "rolling", 10, NOW)).toBe(NOW + 60_000);
    expect(limitReachedUntil(limits, { ...usage, minuteRequests: 29 }, "rolling", 10, NOW)).toBeNull();
    expect(limitReachedUntil(limits, { ...usage, minuteRequests: 0, dayRequests: 1000 }, "rolling", 10, NOW)).toBe(NOW + 3_600_000);
    expect(limitReachedUntil(limits, { ...usage, minuteRequests: 1, minuteTokens: 11_000 }, "rolling", 2000, NOW)).toBe(NOW + 60_000);
  });
});
