export { assertCronSecret } from "./cron-auth";
export { JOBS, isJobName, type Job, type JobName } from "./jobs";
export { runJob, type JobRun } from "./run-job";
export { inProcessScheduler } from "@/lib/env";
