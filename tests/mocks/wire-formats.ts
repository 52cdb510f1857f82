// Small formatting helpers for the values providers put in rate-limit headers and bodies.

/** Go-style duration as Groq/OpenAI print it: "9m38.016s", "11.455s", "250ms". */
export function goDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = Number((seconds % 60).toFixed(3));
  return `${hours ? `${hours}h` : ""}${hours || minutes ? `${minutes}m` : ""}${rest}s`;
}

/** Epoch milliseconds of the next 00:00 UTC (OpenRouter daily window). */
export function nextUtcMidnightMs(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** Seconds until the next 00:00 UTC, as a float (Cerebras reset headers). */
export function secondsToUtcMidnight(now: number): number {
  return (nextUtcMidnightMs(now) - now) / 1000;
}

/** Deterministic pseudo-random id of `length` alphanumerics derived from a seed. */
export function alnumId(seed: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let out = "";
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ i;
    out += alphabet[(h >>> 0) % alphabet.length];
  }
  return out;
}

/** Rough token count: ~4 characters per token, at least 1 for any text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
