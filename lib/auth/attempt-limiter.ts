/**
 * In-process sliding log of attempts per key (sign-in per email+IP, sign-up per IP). Attempts
 * are few and short-lived, so exact timestamps are cheap; the map is swept so it cannot grow
 * without bound. Per process: with several instances each enforces its own budget.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts an attempt when allowed; otherwise says how long until the oldest one expires. */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return { allowed: false, retryAfterMs: recent[0] + this.windowMs - now };
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > this.maxKeys) this.sweep(now);
    return { allowed: true };
  }

  /** A successful sign-in clears the slate for that key. */
  reset(key: string) {
    this.attempts.delete(key);
  }

  private sweep(now: number) {
    for (const [key, times] of this.attempts) {
      if (times.every((at) => at <= now - this.windowMs)) this.attempts.delete(key);
    }
    // Still full of live keys (a flood): drop the oldest entries rather than grow.
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= this.maxKeys) break;
      this.attempts.delete(key);
    }
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/**
 * The caller's address as the proxy in front reports it (first X-Forwarded-For hop). Without a
 * proxy a client can send any value here, so no limit relies on the address alone.
 */
export function clientIp(headers: HeaderSource): string {
  const get = (name: string) => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip")?.trim() || "unknown";
}

export const signInLimiter = new AttemptLimiter(10, 15 * 60_000);
/** Failed sign-ins per account whatever address they claim: caps guessing one password. */
export const signInAccountLimiter = new AttemptLimiter(30, 15 * 60_000);
export const signUpLimiter = new AttemptLimiter(10, 60 * 60_000);
/** Sign-ups per instance whatever address they claim: caps mass account creation. */
export const signUpGlobalLimiter = new AttemptLimiter(300, 60 * 60_000);
