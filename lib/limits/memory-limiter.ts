import { capsAllow } from "./limit-decision";
import { DAY_MS, monthOf } from "./limit-policy";
import type { LimitCounts, LimitPlan } from "./limit-types";
import { slidingWindow, windowCountAt, type WindowCount } from "./sliding-window";

/** One UTC day's or one calendar month's count: `period` is the day or month number. */
interface PeriodCount {
  period: number;
  requests: number;
  tokens: number;
}

/**
 * In-process limits with the same rules as the Redis script: embedded mode, and the fallback
 * while Redis is degraded. Counts only this process. Windows older than the previous one are
 * swept once a minute, so memory stays proportional to the buckets active right now.
 */
export class MemoryLimiter {
  private readonly windows = new Map<string, WindowCount>();
  private readonly days = new Map<string, PeriodCount>();
  private readonly months = new Map<string, PeriodCount>();
  private lastSweep = 0;

  constructor(private readonly sweepEveryMs = 60_000) {}

  /** Reads every limit and, only when all allow the request, counts it everywhere. */
  check(plan: LimitPlan, now: number): LimitCounts {
    this.maybeSweep(now, plan.windowMs);
    const window = Math.floor(now / plan.windowMs);
    const elapsed = now % plan.windowMs;
    const bucket = this.windowFor(plan.bucket, window);
    const account = this.windowFor(plan.account, window);
    const day = this.dayFor(plan.bucket, now);
    const month = this.monthFor(plan.bucket, now);

    const counts: LimitCounts = {
      rpm: slidingWindow(bucket.previous, bucket.current, plan.rpm, elapsed, plan.windowMs),
      account: slidingWindow(account.previous, account.current, plan.accountRpm, elapsed, plan.windowMs),
      dayRequests: day.requests,
      dayTokens: day.tokens,
      monthRequests: month.requests,
      monthTokens: month.tokens,
    };
    if (counts.rpm.allowed && counts.account.allowed && capsAllow(plan, counts)) {
      bucket.current += 1;
      account.current += 1;
      day.requests += 1;
      month.requests += 1;
    }
    return counts;
  }

  recordTokens(bucket: string, tokens: number, now: number): void {
    this.dayFor(bucket, now).tokens += tokens;
    this.monthFor(bucket, now).tokens += tokens;
  }

  /** Counts from before a restart (the usage table); never lowers what this process counted itself. */
  seedDay(bucket: string, requests: number, tokens: number, now: number): void {
    raise(this.dayFor(bucket, now), requests, tokens);
  }

  /** The same for this calendar month (UTC). */
  seedMonth(bucket: string, requests: number, tokens: number, now: number): void {
    raise(this.monthFor(bucket, now), requests, tokens);
  }

  /** Tracked buckets, for tests that check memory stays flat. */
  get size(): number {
    return this.windows.size + this.days.size + this.months.size;
  }

  private windowFor(key: string, window: number): WindowCount {
    return windowCountAt(this.windows, key, window, () => ({ window, current: 0, previous: 0 }));
  }

  private dayFor(key: string, now: number): PeriodCount {
    return periodFor(this.days, key, Math.floor(now / DAY_MS));
  }

  private monthFor(key: string, now: number): PeriodCount {
    return periodFor(this.months, key, monthOf(now));
  }

  private maybeSweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    const window = Math.floor(now / windowMs);
    const day = Math.floor(now / DAY_MS);
    for (const [key, entry] of this.windows) if (entry.window < window - 1) this.windows.delete(key);
    const month = monthOf(now);
    for (const [key, entry] of this.days) if (entry.period < day) this.days.delete(key);
    for (const [key, entry] of this.months) if (entry.period < month) this.months.delete(key);
  }
}

function periodFor(map: Map<string, PeriodCount>, key: string, period: number): PeriodCount {
  let entry = map.get(key);
  if (!entry || entry.period !== period) {
    entry = { period, requests: 0, tokens: 0 };
    map.set(key, entry);
  }
  return entry;
}

function raise(entry: PeriodCount, requests: number, tokens: number): void {
  entry.requests = Math.max(entry.requests, requests);
  entry.tokens = Math.max(entry.tokens, tokens);
}
