import type { GatewayResponse } from "@/lib/router";

export function toResponse(result: GatewayResponse): Response {
  if (result.kind === "stream") {
    return new Response(result.body, {
      status: 200,
      headers: { ...result.headers, "cache-control": "no-cache", "x-accel-buffering": "no" },
    });
  }
  return new Response(JSON.stringify(result.body), { status: result.status, headers: { "content-type": "application/json", ...result.headers } });
}
