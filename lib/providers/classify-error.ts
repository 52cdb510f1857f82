import { upstreamText } from "@/lib/redact";
import { parseErrorBody, type ParsedErrorBody } from "./parse-error-body";
import { getProvider } from "./registry";
import { parseProseRetry, parseProtoDuration, parseResetValue, parseRetryAfter } from "./retry-hints";
import type { ProviderAdapter, ProviderId } from "./types";

export type FailureKind =
  | "rate_limited_short"
  | "quota_exhausted_day"
  | "not_on_free_tier"
  | "request_too_large"
  | "auth_invalid"
  | "model_gone"
  | "bad_request_provider_specific"
  | "provider_unhealthy";

export interface ClassifiedFailure {
  kind: FailureKind;
  /** HTTP status, or 0 for network errors, timeouts and broken streams. */
  status: number;
  message: string;
  upstreamCode: string | null;
  /** How long the provider asks us to wait, when it says so. */
  retryAfterMs: number | null;
  /** The provider itself is unreachable or down (transport failure, platform-wide error), not just this model. */
  providerDown?: boolean;
}

export interface UpstreamErrorInput {
  providerId: ProviderId;
  status: number;
  headers: Headers | Record<string, string | string[] | undefined>;
  body: string;
  now?: number;
}

export function classifyUpstreamError(input: UpstreamErrorInput): ClassifiedFailure {
  if (input.status >= 300 && input.status < 400) return redirected(input.status, headerGetter(input.headers)("location"));
  const parsed = parseErrorBody(input.body);
  return classifyParsedError(input.providerId, input.status, parsed, headerGetter(input.headers), input.now ?? Date.now());
}

/** For in-band stream errors, whose envelope is already parsed. */
export function classifyParsedError(
  providerId: ProviderId,
  status: number,
  parsed: ParsedErrorBody,
  header: (name: string) => string | null = () => null,
  now = Date.now(),
): ClassifiedFailure {
  const raw = typeof parsed.metadata?.raw === "string" ? parsed.metadata.raw : "";
  const text = `${parsed.message} ${raw} ${parsed.code ?? ""} ${parsed.type ?? ""} ${parsed.status ?? ""} ${JSON.stringify(parsed.details)}`.toLowerCase();
  const effectiveStatus = status || Number(parsed.code) || 0;
  const kind = classifyKind(getProvider(providerId), effectiveStatus, parsed, text);
  return {
    kind,
    status,
    message: upstreamText(parsed.message || raw || `HTTP ${status}`),
    upstreamCode: parsed.code,
    retryAfterMs: retryHint(parsed, header, now),
  };
}

/** Upstream redirects are never followed (they could point anywhere, loopback included). */
function redirected(status: number, location: string | null): ClassifiedFailure {
  const to = location ? ` to ${upstreamText(location).slice(0, 200)}` : "";
  return {
    kind: "provider_unhealthy",
    status,
    message: `The provider redirected (HTTP ${status}${to}); freellmapi does not follow upstream redirects, so check the base URL.`,
    upstreamCode: null,
    retryAfterMs: null,
  };
}

function classifyKind(provider: ProviderAdapter, status: number, parsed: ParsedErrorBody, text: string): FailureKind {
  const code = (parsed.code ?? "").toLowerCase();
  if (
    status === 401 ||
    code === "invalid_api_key" ||
    text.includes("api_key_invalid") ||
    text.includes("api key not valid") ||
    text.includes("invalid api key") ||
    text.includes("incorrect api key")
  )
    return "auth_invalid";
  if (
    status === 402 ||
    code === "insufficient_quota" ||
    code === "1113" ||
    text.includes("insufficient balance") ||
    text.includes("requires a subscription") ||
    text.includes("requires more credits") ||
    text.includes("free credits temporarily") ||
    text.includes("data policy") ||
    /limit: 0\b/.test(text)
  )
    return "not_on_free_tier";
  if (
    status === 413 ||
    code === "context_length_exceeded" ||
    code === "1261" ||
    /maximum context length|context length|request too large|prompt exceeds max length|input token count|too many tokens in|reduce the length/.test(text)
  )
    return "request_too_large";
  if (text.includes("degraded")) return "provider_unhealthy";
  if (
    status === 404 ||
    status === 410 ||
    code === "model_not_found" ||
    /does not exist|end of life|no endpoints found|is not found for api version|model not found|not found for account|decommissioned|deprecated/.test(text)
  )
    return "model_gone";
  if (
    status === 429 ||
    code === "rate_limit_exceeded" ||
    code === "1302" ||
    code === "1300" ||
    parsed.status === "RESOURCE_EXHAUSTED" ||
    /rate.?limit|too many requests|quota/.test(text)
  ) {
    return isDailyQuota(provider, text) ? "quota_exhausted_day" : "rate_limited_short";
  }
  const own = provider.classifyFailure?.(status, text);
  if (own) return own;
  if (status === 408 || status >= 500 || status === 0) return "provider_unhealthy";
  return "bad_request_provider_specific";
}

function isDailyQuota(provider: ProviderAdapter, text: string): boolean {
  if (text.includes("upstream_provider_shared_pool") || text.includes("temporarily rate-limited upstream")) return false;
  if (/perday|per day|per-day|\(rpd\)|\(tpd\)|free-models-per-day|daily free allocation|daily limit|openrouter_free_tier_daily/.test(text)) return true;
  if (/per month|monthly|\/ month|calls \/ month/.test(text)) return true;
  return provider.isLongQuota?.(text) ?? false;
}

function retryHint(parsed: ParsedErrorBody, header: (name: string) => string | null, now: number): number | null {
  const retryAfterMs = Number(header("retry-after-ms"));
  if (Number.isFinite(retryAfterMs) && retryAfterMs > 0) return Math.round(retryAfterMs);
  const fromHeader = parseRetryAfter(header("retry-after"), now);
  if (fromHeader !== null) return fromHeader;
  for (const detail of parsed.details) {
    const delay = parseProtoDuration((detail as { retryDelay?: unknown })?.retryDelay);
    if (delay !== null) return delay;
  }
  const prose = parseProseRetry(parsed.message);
  if (prose !== null) return prose;
  const metaHeaders = parsed.metadata?.headers as Record<string, unknown> | undefined;
  const reset =
    header("x-ratelimit-reset") ??
    (typeof metaHeaders?.["X-RateLimit-Reset"] === "string" ? (metaHeaders["X-RateLimit-Reset"] as string) : null) ??
    header("x-ratelimit-reset-requests-day") ??
    header("x-ratelimit-reset-requests") ??
    header("x-ratelimit-reset-tokens-minute") ??
    header("x-ratelimit-reset-tokens");
  return parseResetValue(reset, now);
}

export function headerGetter(headers: UpstreamErrorInput["headers"]): (name: string) => string | null {
  if (headers instanceof Headers) return (name) => headers.get(name);
  const lower: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) lower[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return (name) => lower[name] ?? null;
}
