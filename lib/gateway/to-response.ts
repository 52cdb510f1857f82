import { eventStreamResponse, jsonResponse } from "@/lib/api/http-response";
import type { GatewayResponse } from "@/lib/router";

export function toResponse(result: GatewayResponse): Response {
  if (result.kind === "stream") return eventStreamResponse(result.body, result.headers);
  return jsonResponse(result.body, { status: result.status, headers: result.headers });
}
