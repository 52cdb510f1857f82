import { createHash, timingSafeEqual } from "node:crypto";
import { errorResponse } from "./json-error";
import { newRequestId } from "./with-api-key";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { renderMetrics } from "@/lib/observability/metrics";

const digest = (text: string) => createHash("sha256").update(text).digest();

function presentedToken(request: Request): string | null {
  return request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

/**
 * GET /metrics: the Prometheus scrape, for `Authorization: Bearer $METRICS_TOKEN`. Without
 * METRICS_TOKEN the endpoint does not exist (404), so nothing is exposed by default.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const requestId = newRequestId();
  const expected = getEnv().METRICS_TOKEN;
  if (!expected) return errorResponse(new AppError("not_found", "Not found"), requestId);
  const token = presentedToken(request);
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first byte.
  if (!token || !timingSafeEqual(digest(token), digest(expected))) {
    const headers = { "www-authenticate": 'Bearer realm="metrics"' };
    return errorResponse(new AppError("unauthorized", "Send `Authorization: Bearer <METRICS_TOKEN>`.", null, { headers }), requestId);
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
