/**
 * The SQLSTATE (e.g. `23503`) or Prisma code of a failed query, found without reading the
 * error's message: Prisma's messages for raw queries can quote the parameters, row values included.
 */
export function databaseErrorCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | null => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 5) return null;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const name of ["originalCode", "sqlState"]) {
      if (typeof record[name] === "string") return record[name] as string;
    }
    // The driver's SQLSTATE sits under Prisma's own code (P2010 "raw query failed"): prefer it.
    for (const name of ["meta", "driverAdapterError", "cause"]) {
      const found = visit(record[name], depth + 1);
      if (found) return found;
    }
    return typeof record.code === "string" ? record.code : null;
  };
  return visit(error, 0);
}

/** What may be logged about a database failure: its class and code, no values. */
export function describeDatabaseError(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = databaseErrorCode(error);
  return code ? `${name} (code ${code})` : name;
}
