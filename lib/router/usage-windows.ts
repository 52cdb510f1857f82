import type { ResetWindow } from "@/lib/providers/types";
import type { UsageWindows } from "@/lib/routing-state/state";

const pacific = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/Los_Angeles",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

// Formatting a time zone costs microseconds; one answer per second is plenty.
let cachedSecond = -1;
let cachedParts: Record<string, number> = {};
function pacificParts(now: number): Record<string, number> {
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedParts = Object.fromEntries(
      pacific
        .formatToParts(now)
        .filter((p) => p.type !== "literal")
        .map((p) => [p.type, Number(p.value)]),
    );
  }
  return cachedParts;
}

const pad = (n: number) => String(n).padStart(2, "0");

// Day, Pacific-day and month boundaries all fall on a minute boundary, so one answer per window
// kind and minute is exact; the router asks for every target of every request.
const byMinute = new Map<ResetWindow, UsageWindows>();

/** Keys for the current minute and the provider's current day (or month) window. */
export function usageWindows(window: ResetWindow, now: number): UsageWindows {
  const minute = Math.floor(now / 60_000);
  const known = byMinute.get(window);
  if (known?.minute === minute) return known;
  const windows = Object.freeze(computeWindows(window, now, minute));
  byMinute.set(window, windows);
  return windows;
}

function computeWindows(window: ResetWindow, now: number, minute: number): UsageWindows {
  const d = new Date(now);
  if (window === "pacific-day") {
    const p = pacificParts(now);
    return { minute, day: `${p.year}-${pad(p.month)}-${pad(p.day)}` };
  }
  if (window === "monthly") return { minute, day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` };
  return { minute, day: d.toISOString().slice(0, 10) };
}

/**
 * When a spent daily window frees up: next UTC or Pacific midnight, the 1st of next month, or an
 * hour for rolling windows (the provider's own hint is better there and is used when present).
 * Pacific is approximate by an hour on DST change days.
 */
export function nextWindowReset(window: ResetWindow, now: number): number {
  const d = new Date(now);
  switch (window) {
    case "utc-day":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    case "pacific-day": {
      const p = pacificParts(now);
      const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (now % 1000);
      return now - sinceMidnight + 86_400_000;
    }
    case "monthly":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    default:
      return now + 3_600_000;
  }
}
