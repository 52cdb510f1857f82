type Pick = (record: Record<string, unknown>) => string | null;

/**
 * Depth-first through the places Prisma and the pg adapter nest a driver's error: `pick` on each
 * level before its nested errors, `fallback` after them (so the innermost fallback wins).
 */
function findInError(error: unknown, pick: Pick, fallback: Pick = () => null): string | null {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | null => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 5) return null;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const own = pick(record);
    if (own) return own;
    for (const name of ["meta", "driverAdapterError", "cause"]) {
      const found = visit(record[name], depth + 1);
      if (found) return found;
    }
    return fallback(record);
  };
  return visit(error, 0);
}

const stringField = (record: Record<string, unknown>, name: string) => (typeof record[name] === "string" ? (record[name] as string) : null);

/**
 * The SQLSTATE (e.g. `23503`) or Prisma code of a failed query, found without reading the
 * error's message: Prisma's messages for raw queries can quote the parameters, row values included.
 * The driver's SQLSTATE sits under Prisma's own code (P2010 "raw query failed") and is preferred.
 */
export function databaseErrorCode(error: unknown): string | null {
  return findInError(
    error,
    (record) => stringField(record, "originalCode") ?? stringField(record, "sqlState"),
    (record) => stringField(record, "code"),
  );
}

// What the pg adapter calls a socket that failed (its `kind`), and the codes that mean the same.
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TlsConnectionError", "TooManyConnections"]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect now),
// 53300 (too many connections); Prisma's P1001 (cannot reach), P1002 (timed out), P1017 (closed).
const UNREACHABLE_CODES = /^(08...|57P0[123]|53300|P100[12]|P1017)$/;

/**
 * Whether a query failed because the database could not be reached (refused, reset, timed out,
 * shutting down) rather than because it refused the statement: worth retrying later as it is.
 * A connection that broke mid-query reaches Prisma's caller with no code at all.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (findInError(error, (record) => (UNREACHABLE_KINDS.has(stringField(record, "kind") ?? "") ? "kind" : null))) return true;
  const code = databaseErrorCode(error);
  if (code !== null) return UNREACHABLE_CODES.test(code);
  // Prisma's errors carry `clientVersion`; a codeless error without it is a bug here, not an outage.
  return typeof error === "object" && error !== null && "clientVersion" in error;
}

/** What may be logged about a database failure: its class and code, no values. */
export function describeDatabaseError(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = databaseErrorCode(error);
  return code ? `${name} (code ${code})` : name;
}
