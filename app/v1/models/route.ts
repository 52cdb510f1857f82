import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { jsonResponse } from "@/lib/api/http-response";
import { v1Routes } from "@/lib/api/v1-routes";
import { listModelsFor } from "@/lib/gateway/list-models";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  OPENAI_SURFACE,
  "models",
  {
    GET: async (_request, { apiKey }) => jsonResponse(await listModelsFor(apiKey.userId, apiKey.id)),
  },
  { direct: "/v1/models" },
);
