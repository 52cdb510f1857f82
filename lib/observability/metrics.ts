import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { isProviderId } from "@/lib/providers/catalog";
import { getRedisHealth } from "@/lib/redis/redis-connection";

/**
 * The gateway's Prometheus metrics, served by /metrics. One registry per process, kept on
 * globalThis: Next.js loads each route (and instrumentation) as its own bundle, so a registry
 * held in module scope would give every route its own counters.
 */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "freellmapi_" });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "freellmapi_requests_total",
      help: "Requests to /v1 and the playground, by protocol, HTTP status and the provider that answered (none when nobody did).",
      labelNames: ["protocol", "status", "provider"],
      registers,
    }),
    requestSeconds: new Histogram({
      name: "freellmapi_request_duration_seconds",
      help: "Time from a request's arrival to its end (streams: the last event), by protocol.",
      labelNames: ["protocol"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    attempts: new Counter({
      name: "freellmapi_upstream_attempts_total",
      help: "Upstream calls, by provider and result (ok, or why it failed).",
      labelNames: ["provider", "result"],
      registers,
    }),
    failovers: new Counter({
      name: "freellmapi_failovers_total",
      help: "Failed attempts after which the request tried another candidate, by provider and reason.",
      labelNames: ["provider", "reason"],
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: "freellmapi_upstream_attempt_duration_seconds",
      help: "One upstream attempt, from the call to its answer (streams: the first token) or failure, by provider and outcome.",
      labelNames: ["provider", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    firstTokenSeconds: new Histogram({
      name: "freellmapi_upstream_first_token_seconds",
      help: "Time from an upstream call to its first token, by provider.",
      labelNames: ["provider"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    limitRejections: new Counter({
      name: "freellmapi_limit_rejections_total",
      help: "Requests refused by the gateway's own limits, by limit.",
      labelNames: ["limit"],
      registers,
    }),
    cacheLookups: new Counter({ name: "freellmapi_cache_lookups_total", help: "Response cache lookups, by result.", labelNames: ["result"], registers }),
    usageRowsLost: new Counter({
      name: "freellmapi_usage_rows_lost_total",
      help: "Usage and request-log rows that could not be written to the database.",
      registers,
    }),
    redisDegraded: new Gauge({
      name: "freellmapi_redis_degraded",
      help: "1 while Redis is configured but failing (limits and routing state fall back to this process), else 0.",
      registers,
      collect() {
        this.set(getRedisHealth() === "degraded" ? 1 : 0);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const slot = Symbol.for("freellmapi.metrics");
const store = globalThis as { [slot]?: Metrics };

export function getMetrics(): Metrics {
  store[slot] ??= createMetrics();
  return store[slot];
}

/** A provider id as a label: catalog ids only, so label values stay a short known list. */
export function providerLabel(providerId: string | null): string {
  if (!providerId) return "none";
  return isProviderId(providerId) ? providerId : "other";
}

export type CacheLookupResult = "hit" | "miss" | "bypass";

/** For the response cache: one call per lookup (`bypass`: the request may not be cached). */
export function recordCacheLookup(result: CacheLookupResult): void {
  getMetrics().cacheLookups.inc({ result });
}

export function recordLimitRejectionMetric(limit: string): void {
  getMetrics().limitRejections.inc({ limit });
}

export function recordUsageRowsLost(rows: number): void {
  getMetrics().usageRowsLost.inc(rows);
}

export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = getMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
