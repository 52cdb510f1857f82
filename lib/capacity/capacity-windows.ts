import type { FreeTierLimits, ResetWindow } from "@/lib/providers/types";
import type { TargetSnapshot } from "@/lib/routing-state/state";
import { nextWindowReset } from "@/lib/router/usage-windows";

type Limits = Omit<FreeTierLimits, "window">;

export interface CapacityWindow {
  metric: "requests" | "tokens";
  period: "minute" | "day" | "month";
  used: number;
  limit: number;
  /** ISO time the window frees up; for rolling windows an estimate. */
  resetsAt: string;
}

/** When the provider's long window started (what "the current pace" is measured over). */
export function windowStart(window: ResetWindow, now: number): number {
  const d = new Date(now);
  if (window === "monthly") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (window === "pacific-day") return nextWindowReset(window, now) - 86_400_000;
  // Rolling windows are counted per UTC day (lib/router/usage-windows).
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** When the long window frees up: the next reset for calendar windows, the next UTC day for rolling ones. */
export function longWindowReset(window: ResetWindow, now: number): number {
  return window === "rolling" ? nextWindowReset("utc-day", now) : nextWindowReset(window, now);
}

/** The catalog limits of one target set against the router's own counts for it. */
export function capacityWindows(limits: Limits | undefined, usage: TargetSnapshot["usage"] | undefined, window: ResetWindow, now: number): CapacityWindow[] {
  if (!limits) return [];
  const u = usage ?? { minuteRequests: 0, minuteTokens: 0, dayRequests: 0, dayTokens: 0 };
  const nextMinute = new Date((Math.floor(now / 60_000) + 1) * 60_000).toISOString();
  const longReset = new Date(longWindowReset(window, now)).toISOString();
  const long = window === "monthly" ? "month" : "day";
  const out: CapacityWindow[] = [];
  if (limits.rpm) out.push({ metric: "requests", period: "minute", used: u.minuteRequests, limit: limits.rpm.value, resetsAt: nextMinute });
  if (limits.tpm) out.push({ metric: "tokens", period: "minute", used: u.minuteTokens, limit: limits.tpm.value, resetsAt: nextMinute });
  if (limits.rpd) out.push({ metric: "requests", period: long, used: u.dayRequests, limit: limits.rpd.value, resetsAt: longReset });
  if (limits.tpd) out.push({ metric: "tokens", period: long, used: u.dayTokens, limit: limits.tpd.value, resetsAt: longReset });
  return out;
}

/**
 * At the pace since the window started, when `used` reaches `limit`: ISO time, or null when it
 * lasts until the reset (or nothing was used yet, so there is no pace to go by).
 */
export function runsOutAt(used: number, limit: number, startedAt: number, resetsAt: number, now: number): string | null {
  if (used >= limit) return new Date(now).toISOString();
  const elapsed = Math.max(now - startedAt, 60_000);
  if (used <= 0) return null;
  const at = now + ((limit - used) / used) * elapsed;
  return at < resetsAt ? new Date(at).toISOString() : null;
}
