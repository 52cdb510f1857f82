import { getHealth } from "@/lib/health/get-health";

export async function GET() {
  const health = await getHealth();
  return Response.json(health, {
    status: health.database === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
