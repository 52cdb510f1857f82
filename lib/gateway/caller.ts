import { readCacheDirective, CACHE_HEADER, type CacheDirective } from "@/lib/cache/cache-directive";
import { AppError } from "@/lib/errors";
import type { EndUserId } from "@/lib/limits/parse-identifier";
import type { Protocol } from "@/lib/protocols/protocol";

/**
 * Who is calling and what they ask of the routing: built once, where the request is authenticated
 * (withApiKey, or the playground's session), and passed as it is to the gateway.
 */
export interface Caller {
  requestId: string;
  userId: string;
  /** Null for the dashboard playground. */
  apiKeyId: string | null;
  identifier?: EndUserId;
  /** The wire protocol the request came in on (the request log shows it). */
  protocol: Protocol;
  /** Models this caller's key may use; empty = any. */
  modelAllowlist: readonly string[];
  /** The key's response-cache switch; absent (the playground) = the cache is not used. */
  responseCache?: boolean;
  /** The key's limits, still being checked (see RouteContext.admitted). */
  admitted?: Promise<void>;
  /** What the request's x-freellmapi-* headers ask of the routing, and its abort signal. */
  preferences: RequestPreferences;
}

export interface RequestPreferences {
  strict: boolean;
  privacy: "standard" | "no-training";
  signal: AbortSignal;
  /** x-freellmapi-wait, in ms. */
  waitMs?: number;
  /** x-freellmapi-cache. */
  cache?: CacheDirective;
}

const MAX_WAIT_SECONDS = 60;

export function readPreferences(request: Request): RequestPreferences {
  return {
    strict: request.headers.get("x-freellmapi-strict")?.toLowerCase() === "true",
    privacy: request.headers.get("x-freellmapi-privacy")?.toLowerCase() === "no-training" ? "no-training" : "standard",
    signal: request.signal,
    waitMs: readWaitMs(request.headers.get("x-freellmapi-wait")),
    cache: readCacheDirective(request.headers.get(CACHE_HEADER)),
  };
}

/** `x-freellmapi-wait: <seconds>` (0-60, fractions allowed): how long to wait for a cooling-down chain. */
function readWaitMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 0 && seconds <= MAX_WAIT_SECONDS)) {
    throw new AppError("invalid_request", `x-freellmapi-wait must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`, "x-freellmapi-wait");
  }
  return seconds * 1000;
}
