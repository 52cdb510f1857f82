import { jsonResponse } from "@/lib/api/http-response";
import { getReadiness } from "@/lib/health/get-readiness";

// Readiness: 200 when every check passes, 503 naming the one that does not (lib/health/get-readiness.ts).
export async function GET() {
  const readiness = await getReadiness();
  return jsonResponse(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
