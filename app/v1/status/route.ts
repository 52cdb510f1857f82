import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { jsonResponse } from "@/lib/api/http-response";
import { v1Routes } from "@/lib/api/v1-routes";
import { getGatewayStatus } from "@/lib/status/get-gateway-status";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  OPENAI_SURFACE,
  "status",
  {
    GET: async (_request, { apiKey }) => jsonResponse(await getGatewayStatus(apiKey), { headers: { "cache-control": "no-store" } }),
  },
  { direct: "/v1/status" },
);
