import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { getRedisConnection, type RedisConnection } from "@/lib/redis/redis-connection";
import { withRedis } from "@/lib/redis/with-redis";
import { slidingWindow, windowCountAt, type WindowCount } from "./sliding-window";

/** A fixed-size limit on attempts (sign-in, sign-up), shared through Redis like every other limit. */
export interface AttemptLimitSpec {
  name: string;
  limit: number;
  windowMs: number;
}

export type AttemptOutcome = { allowed: true } | { allowed: false; retryAfterMs: number };

const MINUTE_MS = 60_000;

/**
 * Sign-in slows a guesser without letting a stranger lock the owner out: failures count per
 * email+address (two steps of backoff, cleared by a success) and per address, never per email
 * alone. Sign-ups are capped per address and per deployment.
 */
export const ATTEMPT_LIMITS = {
  signInPairBurst: { name: "signin-pair-1m", limit: 5, windowMs: MINUTE_MS },
  signInPairSustained: { name: "signin-pair-1h", limit: 20, windowMs: 60 * MINUTE_MS },
  signInAddress: { name: "signin-address-15m", limit: 100, windowMs: 15 * MINUTE_MS },
  signUpAddress: { name: "signup-address-1h", limit: 10, windowMs: 60 * MINUTE_MS },
  signUpAll: { name: "signup-all-1h", limit: 300, windowMs: 60 * MINUTE_MS },
} as const satisfies Record<string, AttemptLimitSpec>;

/** Emails are hashed before they become keys: Redis and memory never hold them in clear. */
export function attemptIdentifier(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 32);
}

/** The in-process side, with the sliding-window counts and rule of the request limiter's memory side. Swept as it grows. */
class MemoryAttempts {
  private readonly windows = new Map<string, WindowCount & { expiresAt: number }>();

  constructor(private readonly maxKeys = 50_000) {}

  take(spec: AttemptLimitSpec, id: string, now: number): AttemptOutcome {
    const window = Math.floor(now / spec.windowMs);
    const entry = windowCountAt(this.windows, `${spec.name}:${id}`, window, () => ({ window, current: 0, previous: 0, expiresAt: 0 }));
    entry.expiresAt = (window + 2) * spec.windowMs;
    const outcome = slidingWindow(entry.previous, entry.current, spec.limit, now % spec.windowMs, spec.windowMs);
    if (!outcome.allowed) return { allowed: false, retryAfterMs: outcome.retryAfterMs };
    entry.current += 1;
    if (this.windows.size > this.maxKeys) this.sweep(now);
    return { allowed: true };
  }

  reset(spec: AttemptLimitSpec, id: string) {
    this.windows.delete(`${spec.name}:${id}`);
  }

  private sweep(now: number) {
    for (const [key, entry] of this.windows) if (entry.expiresAt <= now) this.windows.delete(key);
    // Still full of live keys (a flood): drop the oldest tenth rather than grow.
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys * 0.9) break;
      this.windows.delete(key);
    }
  }
}

export class AttemptLimiter {
  private readonly limiters = new Map<string, Ratelimit>();
  readonly memory: MemoryAttempts;

  constructor(
    private readonly connection: RedisConnection | null,
    private readonly now: () => number = Date.now,
    maxMemoryKeys = 50_000,
  ) {
    this.memory = new MemoryAttempts(maxMemoryKeys);
  }

  private ratelimit(spec: AttemptLimitSpec): Ratelimit {
    let limiter = this.limiters.get(spec.name);
    if (!limiter) {
      // timeout 0: withRedis owns the timeout and falls back to memory instead of allowing.
      limiter = new Ratelimit({
        redis: this.connection!.redis,
        limiter: Ratelimit.slidingWindow(spec.limit, `${spec.windowMs} ms`),
        prefix: `${this.connection!.prefix}:al:${spec.name}`,
        analytics: false,
        timeout: 0,
      });
      this.limiters.set(spec.name, limiter);
    }
    return limiter;
  }

  /** Counts an attempt when allowed; otherwise says how long until one more fits. */
  take(spec: AttemptLimitSpec, id: string): Promise<AttemptOutcome> {
    return withRedis(
      this.connection,
      async () => {
        const result = await this.ratelimit(spec).limit(id);
        return result.success ? { allowed: true as const } : { allowed: false as const, retryAfterMs: Math.max(1, result.reset - this.now()) };
      },
      () => this.memory.take(spec, id, this.now()),
    );
  }

  /** A success clears the slate (sign-in backoff). */
  async reset(spec: AttemptLimitSpec, id: string): Promise<void> {
    this.memory.reset(spec, id);
    await withRedis(
      this.connection,
      () => this.ratelimit(spec).resetUsedTokens(id),
      () => undefined,
    );
  }

  /** Takes from every limit in order and stops at the first refusal. */
  async takeAll(entries: Array<[AttemptLimitSpec, string]>): Promise<AttemptOutcome> {
    for (const [spec, id] of entries) {
      const outcome = await this.take(spec, id);
      if (!outcome.allowed) return outcome;
    }
    return { allowed: true };
  }
}

let shared: AttemptLimiter | undefined;

/** The process-wide attempt limiter on the process-wide Redis connection (memory in embedded mode). */
export function getAttemptLimiter(): AttemptLimiter {
  shared ??= new AttemptLimiter(getRedisConnection());
  return shared;
}
