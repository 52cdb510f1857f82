const DURATION_PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Go-style durations as Groq and OpenAI send them: `2m59.56s`, `644ms`, `6m0s`, `1h2m3s`. */
export function parseGoDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|us|µs|ns|h|m|s))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit];
  return Math.round(total);
}

/** `Retry-After`: delta seconds (integer or float) or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : null;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * A rate-limit reset value in any of the forms providers use: epoch ms (OpenRouter), epoch seconds,
 * float seconds until reset (Cerebras) or a Go duration (Groq). Returns ms from now.
 */
export function parseResetValue(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  const number = Number(text);
  if (text !== "" && Number.isFinite(number)) {
    if (number > 1e12) return Math.max(0, Math.round(number - now));
    if (number > 1e9) return Math.max(0, Math.round(number * 1000 - now));
    return Math.max(0, Math.round(number * 1000));
  }
  return parseGoDuration(text);
}

/** Prose hints: Gemini "Please retry in 45.578569677s.", Groq "Please try again in 9m38.016s." */
export function parseProseRetry(text: string): number | null {
  const match = text.match(/(?:retry|try again) (?:in|after) ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i);
  return match ? parseGoDuration(match[1]) : null;
}

/** Protobuf duration strings from google.rpc.RetryInfo: "45s", "0.5s". */
export function parseProtoDuration(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = value.trim().match(/^(\d+(?:\.\d+)?)s$/);
  return match ? Math.round(Number(match[1]) * 1000) : null;
}
