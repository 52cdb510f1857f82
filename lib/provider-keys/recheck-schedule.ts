const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `10m,1h,6h` → delays in ms; a bare number is seconds. */
export function parseRecheckSchedule(schedule: string): number[] {
  return schedule
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)([smh]?)$/.exec(part);
      if (!match) throw new Error(`Not a delay: ${part}`);
      return Number(match[1]) * UNIT_MS[(match[2] || "s") as keyof typeof UNIT_MS];
    });
}

/**
 * When the next automatic recheck of a rejected key is due, after `failed` rechecks that found
 * it still rejected; null once the schedule is spent and the key stays invalid.
 */
export function nextRecheckAt(failed: number, from: number, delays: readonly number[]): Date | null {
  return failed < delays.length ? new Date(from + delays[failed]) : null;
}

/** How often to look for due rechecks: often enough for the shortest delay, at most once a minute. */
export function recheckPollMs(delays: readonly number[]): number {
  return Math.min(60_000, Math.max(1_000, Math.min(...delays, 60_000)));
}
