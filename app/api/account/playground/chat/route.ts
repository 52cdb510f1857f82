import { openAiErrorResponse } from "@/lib/api/openai-error";
import { withSession } from "@/lib/api/with-session";
import { createChatCompletion } from "@/lib/gateway/chat-completions";
import { readPreferences } from "@/lib/gateway/route-context";

// The dashboard playground: the same gateway path as /v1/chat/completions, authenticated by the
// session instead of a unified key, answering in OpenAI's format so the page reads one shape.
export const POST = withSession(async ({ request, requestId, user, json }) => {
  try {
    const caller = { requestId, userId: user.id, apiKeyId: null, protocol: "chat_completions" as const, modelAllowlist: [] };
    return await createChatCompletion(await json(), caller, readPreferences(request));
  } catch (error) {
    return openAiErrorResponse(error, requestId);
  }
});
