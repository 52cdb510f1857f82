import type { EndUserId } from "./parse-identifier";

export type LimitName = "key_rpm" | "identifier_rpm" | "account_rpm" | "daily_requests" | "daily_tokens" | "monthly_requests" | "monthly_tokens";

export interface LimitCheckInput {
  userId: string;
  apiKeyId: string;
  /** Gives this end user their own buckets. */
  identifier?: EndUserId;
  dailyRequestCap?: number | null;
  dailyTokenCap?: number | null;
  /** Calendar month, UTC. */
  monthlyRequestCap?: number | null;
  monthlyTokenCap?: number | null;
}

export type RateLimitHeaders = Record<string, string>;

export type LimitResult = { ok: true; headers: RateLimitHeaders } | { ok: false; headers: RateLimitHeaders; retryAfterSeconds: number; limit: LimitName };

export interface TokenUsage {
  apiKeyId: string;
  identifier?: EndUserId;
  tokens: number;
}

/** One request's limits, resolved from the policy table and the key's own settings. */
export interface LimitPlan {
  /** The key, or the key + end user: daily caps and the key RPM are counted per bucket. */
  bucket: string;
  bucketLimit: "key_rpm" | "identifier_rpm";
  rpm: number;
  account: string;
  accountRpm: number;
  windowMs: number;
  dailyRequestCap: number | null;
  dailyTokenCap: number | null;
  monthlyRequestCap: number | null;
  monthlyTokenCap: number | null;
}

/** What a backend read (and, when allowed, counted) for one request. */
export interface LimitCounts {
  rpm: WindowOutcome;
  account: WindowOutcome;
  /** Requests and tokens already used today, before this request. */
  dayRequests: number;
  dayTokens: number;
  /** The same for this calendar month (UTC). */
  monthRequests: number;
  monthTokens: number;
}

export interface WindowOutcome {
  allowed: boolean;
  remaining: number;
  /** 0 when allowed; otherwise how long until one more request fits. */
  retryAfterMs: number;
}

/** The per-limit view handed to the header helper. */
export interface LimitState {
  name: LimitName;
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
  retryAfterMs: number;
}
