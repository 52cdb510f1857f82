import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { recheckDelays, refreshProviderModels, runDueRechecks } from "@/lib/provider-keys/key-maintenance";
import { recheckPollMs } from "@/lib/provider-keys/recheck-schedule";
import { flushUsage } from "@/lib/usage/recorder";
import { pruneRequestLogs } from "@/lib/usage/prune-request-logs";

const HOUR_MS = 3_600_000;

function every(ms: number, job: () => Promise<unknown>, name: string, firstAfterMs = 30_000) {
  const run = () => job().catch((error) => log.warn(`Background job "${name}" failed`, error));
  setTimeout(run, firstAfterMs).unref();
  setInterval(run, ms).unref();
}

/**
 * Runs inside the Next.js server process (from instrumentation.ts): periodic upkeep, and a
 * shutdown that writes buffered usage before the process exits. `npm start` sets
 * NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to this handler.
 */
export function startBackgroundJobs() {
  const env = getEnv();
  every(6 * HOUR_MS, async () => {
    const pruned = await pruneRequestLogs(env.REQUEST_LOG_RETENTION_DAYS);
    if (pruned > 0) log.info(`Pruned ${pruned} request logs older than ${env.REQUEST_LOG_RETENTION_DAYS} days`);
  }, "prune request logs");

  // Providers add and retire free models; the stored lists (and the catalog as fallback) follow.
  every(6 * HOUR_MS, () => refreshProviderModels(), "refresh provider models");

  // Keys rejected by a (possibly spurious) 401 get their scheduled rechecks.
  const poll = recheckPollMs(recheckDelays());
  every(poll, () => runDueRechecks(), "recheck rejected provider keys", poll);

  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      flushUsage()
        .catch((error) => log.error("Could not write buffered usage on shutdown", error))
        .finally(() => process.exit(0));
    });
  }
}
