import { eventStreamResponse, jsonResponse } from "@/lib/api/http-response";
import { routeChat } from "@/lib/gateway/chat-completions";
import type { Caller } from "@/lib/gateway/caller";
import { translateStream } from "@/lib/protocols/chat-stream-events";
import { parseOrThrow } from "@/lib/router";
import { fromChatCompletion } from "./from-chat-completion";
import { responseIdFor } from "./response-object";
import { responsesRequestSchema } from "./schemas";
import { responseStreamFrames } from "./stream-events";
import { toChatRequest } from "./to-chat-request";

/** POST /v1/responses: the request as a chat request through the gateway, the answer back as a Response. */
export async function createResponse(body: unknown, caller: Caller): Promise<Response> {
  const request = parseOrThrow(responsesRequestSchema, body);
  const translated = toChatRequest(request);
  const id = responseIdFor(caller.requestId);
  const result = await routeChat(translated.chat, caller);
  if (result.kind === "stream") {
    const stream = translateStream(result.body, (events) => responseStreamFrames(events, request, translated, id));
    return eventStreamResponse(stream, result.headers);
  }
  if (result.status !== 200) return jsonResponse(result.body, { status: result.status, headers: result.headers });
  const answer = fromChatCompletion(result.body as Parameters<typeof fromChatCompletion>[0], request, translated, { id });
  return jsonResponse(answer, { headers: result.headers });
}
