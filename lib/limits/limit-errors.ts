import type { LimitName, RateLimitHeaders } from "./limit-types";

/** Domain errors: `code` is what the API's error table maps to a status (400 / 429). */
export class InvalidIdentifierError extends Error {
  readonly code = "invalid_identifier";
  readonly param = "x-freellmapi-identifier";
  constructor() {
    super("x-freellmapi-identifier must be 1-128 characters of A-Z a-z 0-9 _ . : -");
    this.name = "InvalidIdentifierError";
  }
}

/** A monthly cap is a budget spent until the month ends (`quota_exceeded`); the rest are rates. */
export class RateLimitExceededError extends Error {
  readonly code: "rate_limit_exceeded" | "quota_exceeded";
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
    readonly headers: RateLimitHeaders,
  ) {
    const monthly = limit.startsWith("monthly_");
    super(
      monthly
        ? `This key's monthly ${limit.slice(8)} budget is used up; it renews in ${retryAfterSeconds} s, at the start of next month (UTC)`
        : `Rate limit reached (${limit.replace("_", " ")}); retry after ${retryAfterSeconds} s`,
    );
    this.code = monthly ? "quota_exceeded" : "rate_limit_exceeded";
    this.name = "RateLimitExceededError";
  }
}
