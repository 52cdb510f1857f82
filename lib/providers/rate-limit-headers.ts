import { headerGetter, type UpstreamErrorInput } from "./classify-error";
import { parseResetValue } from "./retry-hints";

export interface SpentSignal {
  /** Epoch ms until which the key (for this model) should not be used. */
  until: number;
  /** `day` when a daily/request-count window ran out, `minute` for short windows. */
  window: "minute" | "day";
}

// Groq's unsuffixed `requests` headers describe the day (RPD); its `tokens` headers the minute.
const WINDOWS: Array<{ suffix: string; window: SpentSignal["window"] }> = [
  { suffix: "requests-day", window: "day" },
  { suffix: "tokens-day", window: "day" },
  { suffix: "requests", window: "day" },
  { suffix: "req-minute", window: "minute" },
  { suffix: "requests-minute", window: "minute" },
  { suffix: "tokens-minute", window: "minute" },
  { suffix: "tokens", window: "minute" },
];

/**
 * Reads `x-ratelimit-remaining-*` / `x-ratelimit-reset-*` from a successful response and says when
 * the provider has told us a window is spent, so the router skips the key instead of collecting a 429.
 */
export function readSpentSignal(headers: UpstreamErrorInput["headers"], now = Date.now()): SpentSignal | null {
  const get = headerGetter(headers);
  let result: SpentSignal | null = null;
  for (const { suffix, window } of WINDOWS) {
    const remaining = get(`x-ratelimit-remaining-${suffix}`);
    if (remaining === null || Number(remaining) > 0 || remaining.trim() === "") continue;
    const resetMs = parseResetValue(get(`x-ratelimit-reset-${suffix}`), now) ?? (window === "minute" ? 60_000 : 3_600_000);
    const until = now + resetMs;
    if (!result || until > result.until) result = { until, window };
  }
  return result;
}
