import type { AttemptRecord, AttemptResult } from "./types";

const SHORT: Record<AttemptResult, string> = {
  ok: "ok",
  rate_limited_short: "rate_limited",
  quota_exhausted_day: "quota_exhausted",
  not_on_free_tier: "not_free",
  request_too_large: "too_large",
  auth_invalid: "auth_invalid",
  model_gone: "model_gone",
  bad_request_provider_specific: "bad_request",
  provider_unhealthy: "unhealthy",
  hedge_lost: "hedge_lost",
};

/**
 * `groq/llama-3.3-70b-versatile:rate_limited,gemini/gemini-2.5-flash:ok`, capped to stay a sane header;
 * an attempt started as a hedge is marked `(hedge)`.
 */
export function fallbackTrail(trail: readonly AttemptRecord[]): string {
  const text = trail.map((t) => `${t.providerId}/${t.model}:${SHORT[t.result]}${t.hedge ? "(hedge)" : ""}`).join(",");
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

export function gatewayHeaders(input: {
  providerId: string;
  model: string;
  requestedModel: string;
  trail: readonly AttemptRecord[];
  overheadMs: number;
}): Record<string, string> {
  return {
    "x-freellmapi-provider": input.providerId,
    "x-freellmapi-model": input.model,
    "x-freellmapi-requested-model": input.requestedModel,
    "x-freellmapi-attempts": String(input.trail.length),
    "x-freellmapi-fallback-trail": fallbackTrail(input.trail),
    "x-freellmapi-overhead-ms": input.overheadMs.toFixed(1),
  };
}
