import { randomUUID } from "node:crypto";
import { jsonError } from "@/lib/api/json-error";
import { getHealth } from "@/lib/health/get-health";
import { log } from "@/lib/log";

export async function GET() {
  try {
    const health = await getHealth();
    return Response.json(health, { status: health.database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
  } catch (error) {
    log.error("Health check failed", error);
    return jsonError(503, "service_unavailable", "The health check failed", `req_${randomUUID().replaceAll("-", "")}`);
  }
}
