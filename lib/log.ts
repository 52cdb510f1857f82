import { redactSecrets } from "./redact";

/**
 * A small leveled logger. Messages never include secrets: callers pass ids, not keys, and
 * errors are reduced to their name and message (upstream bodies can echo a key back).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

const threshold = LEVELS[(process.env.LOG_LEVEL as keyof typeof LEVELS) ?? "info"] ?? LEVELS.info;

function write(level: Level, message: string, error?: unknown) {
  if (LEVELS[level] < threshold) return;
  const detail = error instanceof Error ? ` ${error.name}: ${error.message}` : error !== undefined ? ` ${String(error)}` : "";
  const line = redactSecrets(`[freellmapi] ${level}: ${message}${detail}`);
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

export const log = {
  debug: (message: string, error?: unknown) => write("debug", message, error),
  info: (message: string, error?: unknown) => write("info", message, error),
  warn: (message: string, error?: unknown) => write("warn", message, error),
  error: (message: string, error?: unknown) => write("error", message, error),
};
