import type { WindowOutcome } from "./limit-types";

/**
 * Sliding-window counter: the previous fixed window counts in proportion to how much of it
 * still overlaps the last `windowMs`. Integer arithmetic only, so the Lua copy in
 * redis-limiter.ts gives the same answers. A request fits when previous·(W−e)/W + current + 1 ≤ limit.
 */
export function slidingWindow(previous: number, current: number, limit: number, elapsedMs: number, windowMs: number): WindowOutcome {
  const used = previous * (windowMs - elapsedMs) + (current + 1) * windowMs;
  if (used <= limit * windowMs) {
    return { allowed: true, remaining: Math.floor((limit * windowMs - used) / windowMs), retryAfterMs: 0 };
  }
  return { allowed: false, remaining: 0, retryAfterMs: waitMs(previous, current, limit, elapsedMs, windowMs) };
}

function waitMs(previous: number, current: number, limit: number, elapsedMs: number, windowMs: number): number {
  if (current >= limit) {
    // Wait for the next window, then until this window's count has decayed enough.
    return windowMs - elapsedMs + Math.ceil((windowMs * (current - limit + 1)) / current);
  }
  return Math.max(1, windowMs - Math.floor(((limit - current - 1) * windowMs) / previous) - elapsedMs);
}

/** One key's fixed-window counts in process: this window's and the one before it. */
export interface WindowCount {
  window: number;
  current: number;
  previous: number;
}

/** The key's counts moved on to `window` (the old current becomes previous when adjacent), created when missing. */
export function windowCountAt<T extends WindowCount>(map: Map<string, T>, key: string, window: number, create: () => T): T {
  let entry = map.get(key);
  if (!entry) {
    entry = create();
    map.set(key, entry);
  } else if (entry.window !== window) {
    entry.previous = entry.window === window - 1 ? entry.current : 0;
    entry.current = 0;
    entry.window = window;
  }
  return entry;
}
