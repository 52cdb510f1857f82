import { GatewayError, INVALID_KEYS_FIX, type ProviderState } from "./errors";
import type { AttemptRecord } from "./types";

type Why = "limited" | "down" | "keys" | "too_large" | "neutral";

/** What each candidate's final state says about retrying (states come from attempts and from skips). */
const WHY: Record<string, Why> = {
  rate_limited_short: "limited",
  quota_exhausted_day: "limited",
  not_on_free_tier: "limited",
  rate_limited: "limited",
  quota_exhausted: "limited",
  limit_reached: "limited",
  blocked: "limited",
  provider_unhealthy: "down",
  circuit_open: "down",
  provider_down: "down",
  auth_invalid: "keys",
  request_too_large: "too_large",
  too_small: "too_large",
};

/** When nothing failed for a reason with a known end, 503's Retry-After: a failure may well pass soon. */
const UNAVAILABLE_RETRY_MS = 5_000;
/** A 429 must say when; limits without a known reset are retried after a minute. */
const LIMITED_RETRY_MS = 60_000;

/**
 * The error for a request no candidate answered, with a status that says what happened (the table
 * in docs/ROUTING.md): every provider refused the request → 400; too large for every model → 400
 * `context_length_exceeded`; every key rejected → `provider_keys_invalid`; only limits → 429 with the
 * soonest reset; any upstream error or timeout → 503 with the soonest breaker half-open or reset.
 */
export function exhaustedError(trail: AttemptRecord[], states: ProviderState[]): GatewayError {
  const details = { providers: states.slice(0, 50), attempts: trail };
  const tried = trail.filter((t) => t.result !== "hedge_lost");
  if (tried.length > 0 && tried.every((t) => t.result === "bad_request_provider_specific")) {
    return new GatewayError("invalid_request", `Every provider rejected the request: ${tried[0].message ?? "bad request"}`, details);
  }
  const whys = states.map((s) => WHY[s.state] ?? "neutral");
  const decided = whys.filter((w) => w !== "neutral");
  if (decided.length > 0 && decided.every((w) => w === "too_large")) {
    return new GatewayError(
      "context_length_exceeded",
      "The prompt is longer than the context window of every model that could answer it. Shorten it or ask for a model with a larger window.",
      { ...details, param: "messages" },
    );
  }
  const last = tried[tried.length - 1];
  const lastWords = last ? `; last: ${last.providerId}/${last.model}: ${last.message ?? last.result}` : "";
  if (decided.length > 0 && decided.every((w) => w === "keys")) {
    const names = [...new Set(states.filter((s) => WHY[s.state] === "keys").map((s) => s.provider))].join(", ");
    // The last message says why: the provider's refusal, or our own (an unsafe base URL, an undecryptable key).
    return new GatewayError("provider_keys_invalid", `No provider key that could answer is usable (${names}${lastWords}). ${INVALID_KEYS_FIX}`, details);
  }
  const now = Date.now();
  const soonest = (kinds: Why[]) => {
    const times = states.filter((s, i) => kinds.includes(whys[i]) && s.availableAt !== null && s.availableAt > now).map((s) => s.availableAt!);
    return times.length > 0 ? Math.min(...times) : null;
  };
  if (whys.includes("limited") && !whys.includes("down")) {
    const retryAt = soonest(["limited"]) ?? now + LIMITED_RETRY_MS;
    const message =
      tried.length === 0
        ? "Every provider in your chain is cooling down or over its free-tier limit right now."
        : `Every provider that could answer is rate limited or out of free quota (${tried.length} attempt(s)${lastWords}).`;
    return new GatewayError("all_providers_exhausted", message, { ...details, retryAt, retryAfterSeconds: secondsUntil(retryAt, now) });
  }
  const retryAt = soonest(["down", "limited"]) ?? now + UNAVAILABLE_RETRY_MS;
  const message =
    tried.length === 0
      ? "No provider in your chain can be reached right now."
      : `No provider could answer: ${tried.length} attempt(s) failed with upstream errors or timeouts${lastWords}.`;
  return new GatewayError("providers_unavailable", message, { ...details, retryAfterSeconds: secondsUntil(retryAt, now) });
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));
