import { withApiKey } from "@/lib/api/with-api-key";
import { getModelFor } from "@/lib/gateway/list-models";

// Model ids contain a slash (`groq/llama-3.3-70b-versatile`), hence the catch-all segment.
export const GET = withApiKey<{ id: string[] }>(async (_request, { apiKey }, { id }) =>
  Response.json(await getModelFor(apiKey.userId, id.map(decodeURIComponent).join("/"))),
);
