import type { PGlite } from "@electric-sql/pglite";
import type { SessionQueue } from "./session-queue";

/**
 * PGlite runs PostgreSQL as one backend with no checkpointer process. When the WAL written since
 * the last checkpoint reaches what max_wal_size allows (about 540 MB at its default of 1 GB), the
 * backend requests a checkpoint from inside its own WAL write and then waits for a lock it holds
 * itself: the COMMIT spins in XLogFlush at 100% of a core, and every query after it hangs until
 * the process is killed. An app writing a request-log row per request reaches that in days at a
 * few requests a second, in minutes under load.
 *
 * So the embedded server checkpoints on its own, far below that point: every `everyMs` it reads
 * how much WAL the last checkpoint left behind, between the clients' exchanges, and runs
 * CHECKPOINT past `pendingBytes`. Checkpoints also let PostgreSQL recycle old WAL segments, so
 * `pg_wal` stays around 150 MB instead of growing with every write.
 */
const PENDING_WAL = `SELECT (pg_catalog.pg_current_wal_insert_lsn() - redo_lsn)::bigint AS pending FROM pg_catalog.pg_control_checkpoint()`;

export interface WalCheckpoints {
  /** Stops checking; resolves once a check in progress is done (before the database is closed). */
  stop(): Promise<void>;
}

export function keepWalCheckpointed(
  db: PGlite,
  queue: SessionQueue,
  { everyMs = 1_000, pendingBytes = 64 * 1024 * 1024, onError = (_error: unknown) => {} } = {},
): WalCheckpoints {
  let running: Promise<void> | null = null;
  // onError hears of the first failure of a run of them, not of every second's.
  let failing = false;
  const check = () =>
    queue.runBetweenExchanges(async () => {
      const { rows } = await db.query<{ pending: string | number }>(PENDING_WAL);
      if (Number(rows[0]?.pending ?? 0) > pendingBytes) await db.exec("CHECKPOINT");
    });
  const timer = setInterval(() => {
    if (running) return;
    running = check()
      .then(
        () => void (failing = false),
        (error: unknown) => {
          if (!failing) onError(error);
          failing = true;
        },
      )
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
