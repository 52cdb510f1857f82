import { AppError } from "@/lib/errors";
import type { LimitName, RateLimitHeaders } from "./limit-types";

export class InvalidIdentifierError extends AppError {
  constructor() {
    super("invalid_identifier", "x-freellmapi-identifier must be 1-128 characters of A-Z a-z 0-9 _ . : -", "x-freellmapi-identifier");
    this.name = "InvalidIdentifierError";
  }
}

/** A monthly cap is a budget spent until the month ends (`quota_exceeded`); the rest are rates. */
export class RateLimitExceededError extends AppError {
  declare readonly code: "rate_limit_exceeded" | "quota_exceeded";
  declare readonly retryAfterSeconds: number;

  constructor(
    readonly limit: LimitName,
    retryAfterSeconds: number,
    headers: RateLimitHeaders,
  ) {
    const monthly = limit.startsWith("monthly_");
    super(
      monthly ? "quota_exceeded" : "rate_limit_exceeded",
      monthly
        ? `This key's monthly ${limit.slice(8)} budget is used up; it renews in ${retryAfterSeconds} s, at the start of next month (UTC)`
        : `Rate limit reached (${limit.replace("_", " ")}); retry after ${retryAfterSeconds} s`,
      null,
      { retryAfterSeconds, headers },
    );
    this.name = "RateLimitExceededError";
  }
}
