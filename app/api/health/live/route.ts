import { jsonResponse } from "@/lib/api/http-response";
import packageJson from "@/package.json";

// Liveness: the process answers. No I/O, so a slow database never gets a live process restarted.
export function GET() {
  return jsonResponse(
    { status: "ok", uptimeSeconds: Math.round(process.uptime()), version: packageJson.version },
    { headers: { "cache-control": "no-store" } },
  );
}
