// Numbers and times the way people read them.

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

/** 1234 → "1.2K", 14400 → "14.4K", 1_250_000 → "1.3M". */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return Math.abs(value) < 1000 ? whole.format(value) : compact.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : whole.format(value);
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "3 min ago", "in 2 hr", "yesterday". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "Never";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), "minute");
}

/** "14:05" today, "Mar 3, 14:05" otherwise. */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return date.toLocaleString(
    "en",
    sameDay
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
}

/** A `YYYY-MM-DD` day label without time-zone drift: "Mar 3". */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** "30 RPM · 14.4K RPD" from a limits object whose values may be numbers or { value }. */
export function formatLimits(
  limits: { rpm?: unknown; rpd?: unknown; tpm?: unknown; tpd?: unknown; window?: string; note?: string | null } | null | undefined,
): string {
  if (!limits) return "";
  const monthly = limits.window === "monthly";
  const parts: string[] = [];
  const add = (raw: unknown, unit: string) => {
    const value = limitValue(raw);
    if (value !== null) parts.push(`${formatCompact(value)} ${unit}`);
  };
  add(limits.rpm, "RPM");
  add(limits.rpd, monthly ? "req/mo" : "RPD");
  add(limits.tpm, "TPM");
  add(limits.tpd, monthly ? "tok/mo" : "TPD");
  return parts.join(" · ") || limits.note || "";
}

export function limitValue(raw: unknown): number | null {
  if (typeof raw === "number") return raw;
  if (raw && typeof raw === "object" && typeof (raw as { value?: unknown }).value === "number") return (raw as { value: number }).value;
  return null;
}

const PROTOCOL_LABELS: Record<string, string> = {
  chat_completions: "Chat Completions",
  embeddings: "Embeddings",
  responses: "Responses",
  messages: "Anthropic Messages",
  completions: "Completions",
  models: "Models",
};

/** The API a request came in on, as the dashboard names it. */
export function protocolLabel(protocol: string): string {
  return PROTOCOL_LABELS[protocol] ?? protocol;
}

/** Round axis steps (1, 2, 2.5 or 5 × 10ⁿ) from 0 to at least `max`, about `count` of them. */
export function niceTicks(max: number, count = 4, whole = false): number[] {
  if (!(max > 0)) return [0, 1];
  // Counts of requests or tokens never step by fractions.
  const raw = whole ? Math.max(1, max / count) : max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw && (!whole || Number.isInteger(s))) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step / 2 && ticks.length <= count + 1; t += step) ticks.push(t);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** "15:20 UTC" today (UTC), "Dec 2, 07:00 UTC" another day: resets are UTC or provider-local, so say which. */
export function formatUtcClock(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const date = new Date(iso);
  const sameDay = date.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const text = date.toLocaleString("en", {
    timeZone: "UTC",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    ...(sameDay ? {} : { month: "short", day: "numeric" }),
  });
  return `${text} UTC`;
}
