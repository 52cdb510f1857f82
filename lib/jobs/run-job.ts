import { log } from "@/lib/log";
import { JOBS, type JobName } from "./jobs";

export interface JobRun {
  job: JobName;
  result: Record<string, number>;
  ms: number;
}

/** Runs one job once, whoever triggered it, and logs what it did. */
export async function runJob(name: JobName, trigger: "scheduler" | "cron"): Promise<JobRun> {
  const started = performance.now();
  const result = await JOBS[name].run();
  const ms = Math.round(performance.now() - started);
  const counts = Object.entries(result)
    .map(([what, n]) => `${what} ${n}`)
    .join(", ");
  log.info(`Job ${name} (${trigger}) done in ${ms} ms${counts ? `: ${counts}` : ""}`);
  return { job: name, result, ms };
}
