import { openAiErrorResponse } from "@/lib/api/openai-error";
import { accountRoutes, withSession } from "@/lib/api/with-session";
import { createChatCompletion } from "@/lib/gateway/chat-completions";
import { readPreferences } from "@/lib/gateway/caller";
import { assertPlaygroundLimits } from "@/lib/limits";

// The dashboard playground: the same gateway path as /v1/chat/completions, authenticated by the
// session instead of a unified key, answering in OpenAI's format so the page reads one shape.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  POST: withSession(async ({ request, requestId, user, json }) => {
    try {
      const limitHeaders = await assertPlaygroundLimits(user.id);
      const preferences = readPreferences(request);
      const caller = { requestId, userId: user.id, apiKeyId: null, protocol: "chat_completions" as const, modelAllowlist: [], preferences };
      const response = await createChatCompletion(await json(), caller);
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return openAiErrorResponse(error, requestId);
    }
  }),
});
