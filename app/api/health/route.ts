import { randomUUID } from "node:crypto";
import { jsonResponse } from "@/lib/api/http-response";
import { errorResponse } from "@/lib/api/json-error";
import { AppError } from "@/lib/errors";
import { getHealth } from "@/lib/health/get-health";
import { log } from "@/lib/log";

export async function GET() {
  try {
    const health = await getHealth();
    return jsonResponse(health, { status: health.database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
  } catch (error) {
    log.error("Health check failed", error);
    return errorResponse(new AppError("service_unavailable", "The health check failed"), `req_${randomUUID().replaceAll("-", "")}`);
  }
}
