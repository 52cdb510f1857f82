import { jsonResponse } from "@/lib/api/http-response";
import { estimatePromptTokens } from "@/lib/providers/usage";
import { parseOrThrow } from "@/lib/router";
import { messagesRequestSchema } from "./schemas";
import { toChatRequest } from "./to-chat-request";

/**
 * POST /v1/messages/count_tokens: the gateway's local estimate (~4 characters a token) over the
 * request as it would go upstream. The model that answers is not known yet, nor its tokenizer.
 */
export function countMessageTokens(body: unknown, requestId: string): Response {
  const { chat } = toChatRequest(parseOrThrow(messagesRequestSchema, body));
  return jsonResponse({ input_tokens: estimatePromptTokens(chat) }, { headers: { "request-id": requestId } });
}
