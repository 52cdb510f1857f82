import { DAY_MS, monthOf, monthStart } from "./limit-policy";
import type { LimitCounts, LimitName, LimitPlan, LimitResult, LimitState } from "./limit-types";
import { rateLimitHeaders } from "./rate-limit-headers";

/** Caps are fixed UTC days and calendar months. Tokens are known only after a response, so a
 * token cap refuses once the count already reached it; a request cap counts this request. */
export function capsAllow(plan: LimitPlan, used: { dayRequests: number; dayTokens: number; monthRequests: number; monthTokens: number }): boolean {
  if (plan.dailyRequestCap !== null && used.dayRequests + 1 > plan.dailyRequestCap) return false;
  if (plan.dailyTokenCap !== null && used.dayTokens >= plan.dailyTokenCap) return false;
  if (plan.monthlyRequestCap !== null && used.monthRequests + 1 > plan.monthlyRequestCap) return false;
  if (plan.monthlyTokenCap !== null && used.monthTokens >= plan.monthlyTokenCap) return false;
  return true;
}

function capStates(
  names: [LimitName, LimitName],
  requestCap: number | null,
  tokenCap: number | null,
  requests: number,
  tokens: number,
  now: number,
  end: number,
): LimitState[] {
  const states: LimitState[] = [];
  if (requestCap !== null) {
    const allowed = requests + 1 <= requestCap;
    const remaining = allowed ? requestCap - requests - 1 : 0;
    states.push({ name: names[0], limit: requestCap, allowed, remaining, resetAt: end, retryAfterMs: allowed ? 0 : end - now });
  }
  if (tokenCap !== null) {
    const allowed = tokens < tokenCap;
    states.push({ name: names[1], limit: tokenCap, allowed, remaining: Math.max(0, tokenCap - tokens), resetAt: end, retryAfterMs: allowed ? 0 : end - now });
  }
  return states;
}

/** Every limit that applies to the request, in the order a refusal is reported. */
export function limitStates(plan: LimitPlan, counts: LimitCounts, now: number): LimitState[] {
  const windowEnd = now - (now % plan.windowMs) + plan.windowMs;
  const dayEnd = now - (now % DAY_MS) + DAY_MS;
  const states: LimitState[] = [
    { name: plan.bucketLimit, limit: plan.rpm, ...counts.rpm, resetAt: counts.rpm.allowed ? windowEnd : now + counts.rpm.retryAfterMs },
  ];
  const monthEnd = monthStart(monthOf(now) + 1);
  states.push(...capStates(["daily_requests", "daily_tokens"], plan.dailyRequestCap, plan.dailyTokenCap, counts.dayRequests, counts.dayTokens, now, dayEnd));
  states.push(
    ...capStates(["monthly_requests", "monthly_tokens"], plan.monthlyRequestCap, plan.monthlyTokenCap, counts.monthRequests, counts.monthTokens, now, monthEnd),
  );
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
  const counted = states.filter((state) => state.name !== "daily_tokens" && state.name !== "monthly_tokens");
  const tightest = counted.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return { ok: true, headers: rateLimitHeaders(tightest) };
}
