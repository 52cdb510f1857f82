import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { jsonResponse } from "@/lib/api/http-response";
import { v1Routes } from "@/lib/api/v1-routes";
import { getModelFor } from "@/lib/gateway/list-models";

// Model ids contain a slash (`groq/llama-3.3-70b-versatile`), hence the catch-all segment.
// Next.js has already decoded each segment: decoding again would turn `%25` into a URIError.
export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes<{ id: string[] }>(OPENAI_SURFACE, "models", {
  GET: async (_request, { apiKey }, { id }) => jsonResponse(await getModelFor(apiKey.userId, id.join("/"), apiKey.id)),
});
