import { ttfbTracker } from "./ttfb-tracker";

const DEADLINE_FACTOR = 4;
const DEADLINE_FLOOR_MS = 5_000;
const HEDGE_FLOOR_MS = 1_000;
/** A model never measured gets a hedge this soon: long enough for most free models to start. */
const HEDGE_UNMEASURED_MS = 2_000;

/**
 * How long one attempt may take to produce its first token: its recent p95 × 4, at least 5 s,
 * at most the configured first-byte timeout (which alone applies until there are enough samples).
 */
export function firstTokenDeadlineMs(providerId: string, model: string, capMs: number): number {
  const p95 = ttfbTracker.p95(providerId, model);
  if (p95 === undefined) return capMs;
  return Math.min(capMs, Math.max(DEADLINE_FLOOR_MS, p95 * DEADLINE_FACTOR));
}

/** When an attempt that has not produced its first token is "late" and the next candidate starts alongside. */
export function hedgeDelayMs(providerId: string, model: string): number {
  const p95 = ttfbTracker.p95(providerId, model);
  return p95 === undefined ? HEDGE_UNMEASURED_MS : Math.max(HEDGE_FLOOR_MS, p95);
}
