import type { LimitCheckInput, LimitPlan } from "./limit-types";
import type { EndUserId } from "./parse-identifier";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Calendar months, UTC: a month's number (years * 12 + month) and its first millisecond. */
export function monthOf(now: number): number {
  const date = new Date(now);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthStart(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

export interface LimitPolicy {
  /** Per unified key (or per end user of the key, with an identifier). Env KEY_RPM. */
  keyRpm: number;
  /** Per account, across all its keys, so one tenant cannot starve the others. Env ACCOUNT_RPM. */
  accountRpm: number;
  windowMs: number;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The named policy table; read from process.env once per limiter (tests pass their own). */
export function readLimitPolicy(env: Record<string, string | undefined> = process.env): LimitPolicy {
  return {
    keyRpm: positiveInt(env.KEY_RPM, 600),
    accountRpm: positiveInt(env.ACCOUNT_RPM, 1_200),
    windowMs: MINUTE_MS,
  };
}

const cap = (value: number | null | undefined) => (value != null && value > 0 ? Math.floor(value) : null);

export function planLimits(policy: LimitPolicy, input: LimitCheckInput): LimitPlan {
  const identified = input.identifier !== undefined;
  return {
    bucket: identified ? `k:${input.apiKeyId}:i:${input.identifier}` : `k:${input.apiKeyId}`,
    bucketLimit: identified ? "identifier_rpm" : "key_rpm",
    rpm: policy.keyRpm,
    account: `a:${input.userId}`,
    accountRpm: policy.accountRpm,
    windowMs: policy.windowMs,
    dailyRequestCap: cap(input.dailyRequestCap),
    dailyTokenCap: cap(input.dailyTokenCap),
    monthlyRequestCap: cap(input.monthlyRequestCap),
    monthlyTokenCap: cap(input.monthlyTokenCap),
  };
}

/** Buckets for token accounting, matching `planLimits`. */
export function tokenBucket(apiKeyId: string, identifier?: EndUserId): string {
  return identifier !== undefined ? `k:${apiKeyId}:i:${identifier}` : `k:${apiKeyId}`;
}
