import { readJsonBody } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { getEnv } from "@/lib/env";
import { createEmbeddings } from "@/lib/gateway/chat-completions";
import { readPreferences } from "@/lib/gateway/route-context";

export const POST = withApiKey(async (request, { requestId, apiKey, identifier }) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  return createEmbeddings(body, { requestId, userId: apiKey.userId, apiKeyId: apiKey.id, identifier }, readPreferences(request), apiKey.modelAllowlist);
});
