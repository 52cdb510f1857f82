import { getEnv } from "@/lib/env";
import { recheckDelays, refreshProviderModels, runDueRechecks } from "@/lib/provider-keys/key-maintenance";
import { recheckPollMs } from "@/lib/provider-keys/recheck-schedule";
import { pruneRequestLogs } from "@/lib/usage/prune-request-logs";

const HOUR_MS = 3_600_000;

export interface Job {
  /** How often the in-process scheduler runs it (`npm start`). */
  everyMs(): number;
  /** The first in-process run, after start-up has settled. */
  firstAfterMs(): number;
  /** What one run did, as counts (the cron route answers with them). */
  run(): Promise<Record<string, number>>;
}

/**
 * The periodic upkeep, in one table with two triggers: the in-process scheduler
 * (lib/runtime/background-jobs.ts) and the cron routes (/api/cron/<name>, vercel.json).
 */
export const JOBS = {
  // Providers add and retire free models; the stored lists (and the catalog as fallback) follow.
  "refresh-models": {
    everyMs: () => 6 * HOUR_MS,
    firstAfterMs: () => 30_000,
    run: () => refreshProviderModels(),
  },
  // Keys rejected by a (possibly spurious) 401 get their scheduled rechecks.
  "recheck-keys": {
    everyMs: () => recheckPollMs(recheckDelays()),
    firstAfterMs: () => recheckPollMs(recheckDelays()),
    run: () => runDueRechecks(),
  },
  "prune-logs": {
    everyMs: () => 6 * HOUR_MS,
    firstAfterMs: () => 30_000,
    run: async () => ({ pruned: await pruneRequestLogs(getEnv().REQUEST_LOG_RETENTION_DAYS) }),
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}
