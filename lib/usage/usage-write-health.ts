import { recordUsageRowsLost } from "@/lib/observability/metrics";

/**
 * Whether usage rows are reaching the database, for /api/health: a write that fails must be
 * visible, not only a line in the log. On globalThis so every route bundle shares one record.
 */
export interface UsageWriteHealth {
  status: "ok" | "failing";
  /** Rows that could not be written since the process started. */
  lostRows: number;
  /** Rows kept in memory for a retry while the database is unreachable. */
  deferredRows: number;
  lastFailureAt: string | null;
  /** The database's error code of the last failure (never its message: it can hold row values). */
  lastErrorCode: string | null;
}

interface State {
  lostRows: number;
  deferredRows: number;
  lastFailureAt: number | null;
  lastSuccessAt: number | null;
  lastErrorCode: string | null;
}

const slot = Symbol.for("freellmapi.usage-write-health");
const store = globalThis as { [slot]?: State };

function state(): State {
  store[slot] ??= { lostRows: 0, deferredRows: 0, lastFailureAt: null, lastSuccessAt: null, lastErrorCode: null };
  return store[slot];
}

export function reportUsageWritten() {
  const s = state();
  s.lastSuccessAt = Date.now();
  s.deferredRows = 0;
}

/** The database answered (it may still have refused rows): none wait for it any more. */
export function reportUsageReachable() {
  state().deferredRows = 0;
}

/** The database could not be reached: `rows` wait in memory for the next try. */
export function reportUsageDeferred(rows: number, errorCode: string | null) {
  const s = state();
  s.deferredRows = rows;
  s.lastFailureAt = Date.now();
  s.lastErrorCode = errorCode;
}

export function reportUsageLost(rows: number, errorCode: string | null) {
  const s = state();
  recordUsageRowsLost(rows);
  s.lostRows += rows;
  s.lastFailureAt = Date.now();
  s.lastErrorCode = errorCode;
}

/** Failing from a lost or deferred row until a later flush writes all of its rows. */
export function getUsageWriteHealth(): UsageWriteHealth {
  const s = state();
  const failing = s.lastFailureAt !== null && (s.lastSuccessAt === null || s.lastSuccessAt <= s.lastFailureAt);
  return {
    status: failing ? "failing" : "ok",
    lostRows: s.lostRows,
    deferredRows: s.deferredRows,
    lastFailureAt: s.lastFailureAt === null ? null : new Date(s.lastFailureAt).toISOString(),
    lastErrorCode: s.lastErrorCode,
  };
}
