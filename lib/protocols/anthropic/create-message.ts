import { eventStreamResponse, jsonResponse } from "@/lib/api/http-response";
import { routeChat } from "@/lib/gateway/chat-completions";
import type { Caller } from "@/lib/gateway/caller";
import { translateStream } from "@/lib/protocols/chat-stream-events";
import { estimatePromptTokens } from "@/lib/providers/usage";
import { parseOrThrow } from "@/lib/router";
import { messageStreamFrames } from "./message-stream";
import { messagesRequestSchema } from "./schemas";
import { toChatRequest } from "./to-chat-request";
import { toMessage } from "./to-message";

/** POST /v1/messages: the Anthropic request through the chat gateway, answered as a Message or its event stream. */
export async function createMessage(body: unknown, caller: Caller): Promise<Response> {
  const request = parseOrThrow(messagesRequestSchema, body);
  const { chat, showThinking, stopSequences } = toChatRequest(request);
  const result = await routeChat(chat, caller);
  // Anthropic's SDKs read the request id from `request-id`; withApiKey adds `x-request-id`.
  const headers = { ...result.headers, "request-id": caller.requestId };
  const answer = { id: `msg_${caller.requestId.replace(/^req_/, "")}`, showThinking, stopSequences };
  if (result.kind === "json") {
    return jsonResponse(toMessage(result.body, answer), { headers });
  }
  const options = { ...answer, inputTokensEstimate: estimatePromptTokens(chat), requestedModel: request.model, requestId: caller.requestId };
  const stream = translateStream(result.body, (events) => messageStreamFrames(events, options));
  return eventStreamResponse(stream, headers);
}
