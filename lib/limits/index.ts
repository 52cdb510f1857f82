export { assertRequestLimits, checkRequestLimits, recordTokens } from "./check-request-limits";
export { InvalidIdentifierError, RateLimitExceededError } from "./limit-errors";
export { readLimitPolicy, type LimitPolicy } from "./limit-policy";
export type { LimitCheckInput, LimitName, LimitResult, RateLimitHeaders, TokenUsage } from "./limit-types";
export { MemoryLimiter } from "./memory-limiter";
export { IDENTIFIER_HEADER, parseIdentifier } from "./parse-identifier";
export { rateLimitHeaders, retryAfterSeconds } from "./rate-limit-headers";
export { createRequestLimiter, type RequestLimiter, type RequestLimiterOptions } from "./request-limiter";
