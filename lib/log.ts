import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { redactSecrets } from "./redact";

/**
 * The app's logger (pino): JSON lines, or pino-pretty's format in a terminal. LOG_FORMAT=json or
 * pretty overrides the choice, LOG_LEVEL sets the threshold. Info and debug go to stdout, warnings
 * and errors to stderr. Messages never include secrets: callers pass ids, not keys, messages are
 * redacted, and errors are reduced to their name and message (upstream bodies can echo a key back).
 *
 * Lines are written in this process, to process.stdout/stderr: pino's transports run in worker
 * threads, which Next.js's bundled server cannot start.
 */
const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
type Level = (typeof LEVELS)[number];

// process.stdout/stderr write synchronously to files, terminals and (on Linux) pipes.
function destination(stream: NodeJS.WriteStream, json: boolean): DestinationStream {
  if (json) return stream;
  return pretty({ destination: stream, colorize: stream.isTTY === true, singleLine: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
}

function createLogger(): Logger {
  const level = (LEVELS as readonly string[]).includes(process.env.LOG_LEVEL ?? "") ? (process.env.LOG_LEVEL as Level) : "info";
  const format = process.env.LOG_FORMAT?.trim().toLowerCase();
  const json = format === "json" || (format !== "pretty" && !process.stdout.isTTY);
  const streams = pino.multistream(
    [
      { level: "debug", stream: destination(process.stdout, json) },
      { level: "warn", stream: destination(process.stderr, json) },
    ],
    { dedupe: true },
  );
  return pino(
    {
      name: "freellmapi",
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    streams,
  );
}

// One logger per process, not per bundle (each Next.js route bundle would open its own).
const slot = Symbol.for("freellmapi.logger");
const store = globalThis as { [slot]?: Logger };

export function getLogger(): Logger {
  store[slot] ??= createLogger();
  return store[slot];
}

function describe(error: unknown) {
  if (error === undefined) return {};
  if (error instanceof Error) return { err: { type: error.name, message: redactSecrets(error.message) } };
  return { err: { message: redactSecrets(String(error)) } };
}

function write(level: Exclude<Level, "silent">, message: string, error?: unknown) {
  const logger = getLogger();
  if (!logger.isLevelEnabled(level)) return;
  logger[level](describe(error), redactSecrets(message));
}

export const log = {
  debug: (message: string, error?: unknown) => write("debug", message, error),
  info: (message: string, error?: unknown) => write("info", message, error),
  warn: (message: string, error?: unknown) => write("warn", message, error),
  error: (message: string, error?: unknown) => write("error", message, error),
};
