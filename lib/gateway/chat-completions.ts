import {
  chatCompletionRequestSchema,
  embeddingsRequestSchema,
  parseOrThrow,
  routeChatCompletion,
  routeEmbeddings,
  type ChatCompletionRequest,
  type EmbeddingsRequest,
  type GatewayResponse,
} from "@/lib/router";
import { getEnv } from "@/lib/env";
import { withResponseCache } from "./cached-chat";
import { withHeartbeats } from "./heartbeats";
import { warnOnTruncatedJson } from "./json-truncation";
import type { Caller } from "./caller";
import { prepareRoute } from "./route-context";
import { toResponse } from "./to-response";

/**
 * The one gateway entry for chat, whatever protocol the client speaks: protocol layers translate
 * their request into a Chat Completions request, call this, and translate the OpenAI-shaped
 * answer (JSON or SSE stream) back. Model aliases, the key's allowlist, the response cache,
 * stream heartbeats and the JSON-truncation warning apply here, so every protocol gets them.
 */
export async function routeChat(request: ChatCompletionRequest, caller: Caller): Promise<GatewayResponse> {
  const route = await prepareRoute(caller, request.model);
  const routed = { ...request, model: route.model };
  const answer = withResponseCache(routed, caller, route.ctx, (ctx) => routeChatCompletion(routed, ctx)).then((result) => warnOnTruncatedJson(routed, result));
  const result = routed.stream === true ? await withHeartbeats(answer, getEnv().STREAM_HEARTBEAT_SECONDS * 1000) : await answer;
  return route.finish(result);
}

export async function routeEmbeddingsRequest(request: EmbeddingsRequest, caller: Caller): Promise<GatewayResponse> {
  const route = await prepareRoute(caller, request.model);
  return route.finish(await routeEmbeddings({ ...request, model: route.model }, route.ctx));
}

export async function createChatCompletion(body: unknown, caller: Caller) {
  return toResponse(await routeChat(parseOrThrow(chatCompletionRequestSchema, body), caller));
}

export async function createEmbeddings(body: unknown, caller: Caller) {
  return toResponse(await routeEmbeddingsRequest(parseOrThrow(embeddingsRequestSchema, body), caller));
}
