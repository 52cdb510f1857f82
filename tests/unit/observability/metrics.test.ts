import { describe, expect, it, vi } from "vitest";
import { getMetrics, providerLabel, recordCacheLookup } from "@/lib/observability/metrics";
import { observeRequest, type RequestRecord } from "@/lib/observability/observe-request";
import { reportUsageLost } from "@/lib/usage/usage-write-health";

const value = async (name: string, labels: Record<string, string> = {}) => {
  // Histograms list their `_count`, `_sum` and `_bucket` series under the metric's own name.
  const values = (await getMetrics().registry.getMetricsAsJSON()).flatMap((m) =>
    m.values.map((v) => ({ ...v, name: (v as { metricName?: string }).metricName ?? m.name })),
  );
  const found = values.find((v) => v.name === name && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return found?.value ?? 0;
};

const record = (overrides: Partial<RequestRecord> = {}): RequestRecord => ({
  requestId: "req_test",
  protocol: "chat_completions",
  userId: "user_1",
  apiKeyId: "key_1",
  requestedModel: "auto",
  providerId: "groq",
  model: "llama-3.3-70b-versatile",
  status: 200,
  errorCode: null,
  stream: false,
  latencyMs: 120,
  promptTokens: 10,
  completionTokens: 5,
  attempts: [],
  ...overrides,
});

describe("metrics", () => {
  it("is one registry per process, whichever copy of the module asks (Next.js bundles each route apart)", async () => {
    vi.resetModules();
    const again = await import("@/lib/observability/metrics");
    expect(again.getMetrics()).toBe(getMetrics());
  });

  it("labels providers with catalog ids only", () => {
    expect(providerLabel("groq")).toBe("groq");
    expect(providerLabel("custom")).toBe("custom");
    expect(providerLabel("my-own-gateway")).toBe("other");
    expect(providerLabel(null)).toBe("none");
  });

  it("counts cache lookups by result and lost usage rows", async () => {
    const hits = await value("freellmapi_cache_lookups_total", { result: "hit" });
    const lost = await value("freellmapi_usage_rows_lost_total");
    recordCacheLookup("hit");
    recordCacheLookup("hit");
    recordCacheLookup("miss");
    reportUsageLost(3, "57P01");
    expect((await value("freellmapi_cache_lookups_total", { result: "hit" })) - hits).toBe(2);
    expect(await value("freellmapi_cache_lookups_total", { result: "miss" })).toBeGreaterThanOrEqual(1);
    expect((await value("freellmapi_usage_rows_lost_total")) - lost).toBe(3);
  });

  it("derives attempts, failovers and first-token times from a request's trail", async () => {
    const failovers = await value("freellmapi_failovers_total", { provider: "cerebras", reason: "rate_limited_short" });
    const firstTokens = await value("freellmapi_upstream_first_token_seconds_count", { provider: "groq" });
    const hedges = await value("freellmapi_upstream_attempts_total", { provider: "mistral", result: "hedge_lost" });
    const unknown = await value("freellmapi_requests_total", { provider: "other" });
    observeRequest(
      record({
        attempts: [
          { providerId: "cerebras", model: "m", keyId: "k1", result: "rate_limited_short", status: 429, latencyMs: 30 },
          { providerId: "mistral", model: "m", keyId: "k2", result: "hedge_lost", status: 0, latencyMs: 50 },
          { providerId: "groq", model: "m", keyId: "k3", result: "ok", status: 200, latencyMs: 80, firstTokenMs: 70 },
        ],
      }),
    );
    // The last attempt failing means the request gave up: no failover from it.
    observeRequest(
      record({
        providerId: "not-a-catalog-id",
        status: 503,
        attempts: [{ providerId: "cerebras", model: "m", keyId: "k1", result: "rate_limited_short", status: 429, latencyMs: 30 }],
      }),
    );
    expect((await value("freellmapi_failovers_total", { provider: "cerebras", reason: "rate_limited_short" })) - failovers).toBe(1);
    expect((await value("freellmapi_upstream_first_token_seconds_count", { provider: "groq" })) - firstTokens).toBe(1);
    expect((await value("freellmapi_upstream_attempts_total", { provider: "mistral", result: "hedge_lost" })) - hedges).toBe(1);
    expect((await value("freellmapi_requests_total", { provider: "other" })) - unknown).toBe(1);
  });
});
