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

export class RateLimitExceededError extends Error {
  readonly code = "rate_limit_exceeded";
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
    readonly headers: RateLimitHeaders,
  ) {
    super(`Rate limit reached (${limit.replace("_", " ")}); retry after ${retryAfterSeconds} s`);
    this.name = "RateLimitExceededError";
  }
}
