import { JOBS, inProcessScheduler, runJob, type JobName } from "@/lib/jobs";
import { log } from "@/lib/log";
import { flushUsage } from "@/lib/usage/recorder";

function schedule(name: JobName) {
  const job = JOBS[name];
  const run = () => runJob(name, "scheduler").catch((error) => log.warn(`Background job "${name}" failed`, error));
  setTimeout(run, job.firstAfterMs()).unref();
  setInterval(run, job.everyMs()).unref();
}

/**
 * Runs inside the Next.js server process (from instrumentation.ts): the periodic jobs, unless an
 * outside scheduler calls their cron routes (FREELLMAPI_SCHEDULER=off, serverless), and a
 * shutdown that writes buffered usage before the process exits. `npm start` sets
 * NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to this handler.
 */
export function startBackgroundJobs() {
  if (inProcessScheduler()) {
    for (const name of Object.keys(JOBS) as JobName[]) schedule(name);
  } else {
    log.info("In-process scheduler off: periodic jobs run when /api/cron/<job> is called");
  }

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
