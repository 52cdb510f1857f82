import { withApiKey } from "@/lib/api/with-api-key";
import { listModelsFor } from "@/lib/gateway/list-models";

export const GET = withApiKey(async (_request, { apiKey }) => Response.json(await listModelsFor(apiKey.userId)));
