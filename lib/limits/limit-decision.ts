import { DAY_MS } from "./limit-policy";
import type { LimitCounts, LimitPlan, LimitResult, LimitState } from "./limit-types";
import { rateLimitHeaders } from "./rate-limit-headers";

/** Daily caps are fixed UTC days. Tokens are known only after a response, so the token cap
 * refuses once the count already reached it; the request cap counts this request. */
export function dailyAllows(plan: LimitPlan, dayRequests: number, dayTokens: number): boolean {
  if (plan.dailyRequestCap !== null && dayRequests + 1 > plan.dailyRequestCap) return false;
  if (plan.dailyTokenCap !== null && dayTokens >= plan.dailyTokenCap) return false;
  return true;
}

/** Every limit that applies to the request, in the order a refusal is reported. */
export function limitStates(plan: LimitPlan, counts: LimitCounts, now: number): LimitState[] {
  const windowEnd = now - (now % plan.windowMs) + plan.windowMs;
  const dayEnd = now - (now % DAY_MS) + DAY_MS;
  const states: LimitState[] = [
    { name: plan.bucketLimit, limit: plan.rpm, ...counts.rpm, resetAt: counts.rpm.allowed ? windowEnd : now + counts.rpm.retryAfterMs },
  ];
  if (plan.dailyRequestCap !== null) {
    const allowed = counts.dayRequests + 1 <= plan.dailyRequestCap;
    const remaining = allowed ? plan.dailyRequestCap - counts.dayRequests - 1 : 0;
    states.push({ name: "daily_requests", limit: plan.dailyRequestCap, allowed, remaining, resetAt: dayEnd, retryAfterMs: allowed ? 0 : dayEnd - now });
  }
  if (plan.dailyTokenCap !== null) {
    const allowed = counts.dayTokens < plan.dailyTokenCap;
    const remaining = Math.max(0, plan.dailyTokenCap - counts.dayTokens);
    states.push({ name: "daily_tokens", limit: plan.dailyTokenCap, allowed, remaining, resetAt: dayEnd, retryAfterMs: allowed ? 0 : dayEnd - now });
  }
  const account = counts.account;
  states.push({ name: "account_rpm", limit: plan.accountRpm, ...account, resetAt: account.allowed ? windowEnd : now + account.retryAfterMs });
  return states;
}

export function toLimitResult(states: LimitState[], now: number): LimitResult {
  const denied = states.filter((state) => !state.allowed);
  if (denied.length > 0) {
    // The caller can only retry once every refusing limit has room again.
    const retryAfterMs = Math.max(...denied.map((state) => state.retryAfterMs));
    const first = { ...denied[0], resetAt: now + retryAfterMs };
    const headers = rateLimitHeaders(first, retryAfterMs);
    return { ok: false, headers, retryAfterSeconds: Number(headers["Retry-After"]), limit: first.name };
  }
  // Headers describe the tightest request-count limit; token caps are in other units.
  const counted = states.filter((state) => state.name !== "daily_tokens");
  const tightest = counted.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return { ok: true, headers: rateLimitHeaders(tightest) };
}
