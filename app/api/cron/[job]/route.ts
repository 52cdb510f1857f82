import { jsonResponse } from "@/lib/api/http-response";
import { errorResponse } from "@/lib/api/json-error";
import { newRequestId } from "@/lib/api/with-api-key";
import { AppError } from "@/lib/errors";
import { assertCronSecret, isJobName, runJob } from "@/lib/jobs";

/** GET (Vercel Cron) or POST /api/cron/<job>: runs one periodic job now, see lib/jobs. */
async function handle(request: Request, { params }: { params: Promise<{ job: string }> }) {
  const requestId = newRequestId();
  try {
    assertCronSecret(request);
    const { job } = await params;
    if (!isJobName(job)) throw new AppError("not_found", `No cron job named ${JSON.stringify(job.slice(0, 64))}.`, "job");
    const run = await runJob(job, "cron");
    return jsonResponse({ ok: true, ...run, requestId }, { headers: { "cache-control": "no-store", "x-request-id": requestId } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}

export const GET = handle;
export const POST = handle;
