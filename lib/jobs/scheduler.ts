import { getEnv } from "@/lib/env";

/**
 * Who runs the periodic jobs: this process (`npm start`, a long-running server) or an outside
 * scheduler calling /api/cron/<job> (serverless, where no timer outlives a request).
 * FREELLMAPI_SCHEDULER decides; unset, it is off on Vercel and on everywhere else.
 */
export function inProcessScheduler(
  env: { setting?: "on" | "off"; vercel?: string } = { setting: getEnv().FREELLMAPI_SCHEDULER, vercel: process.env.VERCEL },
): boolean {
  if (env.setting) return env.setting === "on";
  return !env.vercel;
}
