import { after } from "next/server";
import { inProcessScheduler } from "@/lib/env";
import { flushUsage } from "./recorder";

/**
 * Serverless (scheduler off): no timer or shutdown signal can be trusted to outlive the
 * response, so the rows this request records are written once the response is finished
 * (streams included). `npm start` keeps its batching. Call it while handling the request.
 */
export function flushUsageAfterResponse() {
  if (inProcessScheduler()) return;
  after(async () => {
    // The router reports a finished stream's outcome a tick after its last chunk.
    await new Promise((resolve) => setImmediate(resolve));
    await flushUsage();
  });
}
