import { eventStreamResponse, jsonResponse } from "@/lib/api/http-response";
import type { Caller } from "@/lib/gateway/caller";
import { routeChat } from "@/lib/gateway/chat-completions";
import { translateStream } from "@/lib/protocols/chat-stream-events";
import { parseOrThrow } from "@/lib/router";
import { completionRequestSchema } from "./schema";
import { toChatRequest } from "./to-chat-request";
import { completionFrames, toCompletion } from "./to-completion";

/** POST /v1/completions over the chat gateway: same routing, limits, usage and failover. */
export async function createCompletion(body: unknown, caller: Caller): Promise<Response> {
  const request = parseOrThrow(completionRequestSchema, body);
  const result = await routeChat(toChatRequest(request), caller);
  if (result.kind === "json") {
    return jsonResponse(toCompletion(result.body as Parameters<typeof toCompletion>[0]), { status: result.status, headers: result.headers });
  }
  const includeUsage = request.stream_options?.include_usage === true;
  const stream = translateStream(result.body, (events) => completionFrames(events, includeUsage));
  return eventStreamResponse(stream, result.headers);
}
