import { describe, expect, it } from "vitest";
import { exhaustedError } from "@/lib/router/exhausted-error";
import type { ProviderState } from "@/lib/router/errors";
import type { AttemptRecord } from "@/lib/router/types";

const state = (s: string, availableAt: number | null = null): ProviderState => ({ provider: "groq", model: "m", key: "k", state: s, availableAt });
const attempt = (result: AttemptRecord["result"]): AttemptRecord => ({ providerId: "groq", model: "m", keyId: "k", result, status: 0, latencyMs: 1 });

describe("exhaustedError: the status says what happened", () => {
  const soon = () => Date.now() + 20_000;
  const later = () => Date.now() + 40_000;

  it("only limits → 429 all_providers_exhausted, Retry-After the soonest reset", () => {
    const e = exhaustedError([attempt("rate_limited_short")], [state("rate_limited_short", later()), state("quota_exhausted", soon()), state("auth_invalid")]);
    expect(e.code).toBe("all_providers_exhausted");
    expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect(e.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect(e.retryAt).toBeGreaterThan(Date.now());
  });

  it("any upstream error or timeout → 503 providers_unavailable, Retry-After from breakers or resets, else a few seconds", () => {
    const e = exhaustedError([attempt("provider_unhealthy")], [state("provider_unhealthy"), state("circuit_open", soon()), state("rate_limited", later())]);
    expect(e.code).toBe("providers_unavailable");
    expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect(e.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect(exhaustedError([attempt("provider_unhealthy")], [state("provider_unhealthy")]).retryAfterSeconds).toBe(5);
  });

  it("every key rejected → provider_keys_invalid without Retry-After; too large everywhere → context_length_exceeded", () => {
    const keys = exhaustedError([attempt("auth_invalid")], [state("auth_invalid"), state("not_tried")]);
    expect(keys.code).toBe("provider_keys_invalid");
    expect(keys.retryAfterSeconds).toBeNull();
    expect(keys.message).toMatch(/dashboard/);
    const large = exhaustedError([attempt("request_too_large")], [state("request_too_large"), state("too_small")]);
    expect(large.code).toBe("context_length_exceeded");
    expect(large.retryAfterSeconds).toBeNull();
  });

  it("a lost hedge is neither a failure nor a rejection", () => {
    const e = exhaustedError([attempt("hedge_lost"), attempt("bad_request_provider_specific")], [state("hedge_lost"), state("bad_request_provider_specific")]);
    expect(e.code).toBe("invalid_request");
  });
});
