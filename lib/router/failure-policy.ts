import type { ClassifiedFailure } from "@/lib/providers/classify-error";
import type { Candidate } from "./candidate";
import type { BlockReason, BreakerPolicy, Target } from "@/lib/routing-state/state";
import { nextWindowReset } from "./usage-windows";

export const BREAKER: BreakerPolicy = { threshold: 3, cooldownMs: 30_000 };
/** A provider unreachable 3 times in a row (any of its models, any user) is skipped for 30 s, then probed. */
export const PROVIDER_BREAKER: BreakerPolicy = { threshold: 3, cooldownMs: 30_000 };
const NOT_FREE_BENCH_MS = 24 * 3_600_000;
const MODEL_GONE_BENCH_MS = 3_600_000;
const AUTH_BENCH_MS = 3_600_000;

export type FailureAction = { type: "block"; target: Target; until: number; reason: BlockReason } | { type: "breaker"; target: Target } | { type: "none" };

// Short rate limits without a hint back off 15 s, 30 s, 60 s... per target; streaks end after 10 min quiet.
const streaks = new Map<Target, { count: number; at: number }>();
function backoffMs(target: Target, now: number): number {
  const last = streaks.get(target);
  const count = last && now - last.at < 600_000 ? last.count + 1 : 0;
  if (streaks.size > 10_000) streaks.clear();
  streaks.set(target, { count, at: now });
  return Math.min(15_000 * 2 ** count, 600_000);
}

/** What the router remembers about a failure (docs/ROUTING.md, "How a request is routed"). */
export function decideFailureAction(candidate: Candidate, failure: ClassifiedFailure, now: number): FailureAction {
  const keyWide = candidate.provider.quotaScope === "key";
  switch (failure.kind) {
    case "rate_limited_short": {
      const wait = failure.retryAfterMs ?? backoffMs(candidate.target, now);
      return { type: "block", target: candidate.target, until: now + Math.min(Math.max(wait, 1000), 3_600_000), reason: "rate_limited" };
    }
    case "quota_exhausted_day": {
      const window = candidate.provider.limits.window;
      const hinted = failure.retryAfterMs !== null ? now + failure.retryAfterMs : null;
      // Rolling windows (Groq TPD) say exactly when; calendar windows reset at their midnight.
      const until = window === "rolling" ? (hinted ?? nextWindowReset(window, now)) : Math.max(hinted ?? 0, nextWindowReset(window, now));
      return { type: "block", target: keyWide ? candidate.keyTarget : candidate.target, until, reason: "quota_exhausted" };
    }
    case "not_on_free_tier":
      // 402 is about the account's credits; the rest (limit: 0, subscription models) about one model.
      return {
        type: "block",
        target: failure.status === 402 ? candidate.keyTarget : candidate.target,
        until: now + NOT_FREE_BENCH_MS,
        reason: "not_on_free_tier",
      };
    case "auth_invalid":
      return { type: "block", target: candidate.keyTarget, until: now + AUTH_BENCH_MS, reason: "auth_invalid" };
    case "model_gone":
      // RoutingState has no "gone" reason; a long not-on-free-tier bench keeps it out until a refresh.
      return { type: "block", target: candidate.target, until: now + MODEL_GONE_BENCH_MS, reason: "not_on_free_tier" };
    case "provider_unhealthy":
      return { type: "breaker", target: candidate.target };
    default:
      return { type: "none" };
  }
}
