import { AppError } from "@/lib/errors";
import {
  chatCompletionRequestSchema,
  embeddingsRequestSchema,
  parseOrThrow,
  routeChatCompletion,
  routeEmbeddings,
  type ChatCompletionRequest,
  type GatewayResponse,
} from "@/lib/router";
import { buildRouteContext, type Caller, type RequestPreferences } from "./route-context";
import { toResponse } from "./to-response";

function assertModelAllowed(model: string, allowlist: readonly string[]) {
  if (allowlist.length > 0 && !allowlist.includes(model)) {
    throw new AppError("model_not_allowed", `This API key may only use: ${allowlist.join(", ")}`, "model");
  }
}

/**
 * The one gateway entry for chat, whatever protocol the client speaks: protocol layers translate
 * their request into a Chat Completions request, call this, and translate the OpenAI-shaped
 * answer (JSON or SSE stream) back.
 */
export async function routeChat(request: ChatCompletionRequest, caller: Caller, preferences: RequestPreferences): Promise<GatewayResponse> {
  assertModelAllowed(request.model, caller.modelAllowlist);
  const ctx = await buildRouteContext(caller, preferences);
  return routeChatCompletion(request, ctx);
}

export async function createChatCompletion(body: unknown, caller: Caller, preferences: RequestPreferences) {
  return toResponse(await routeChat(parseOrThrow(chatCompletionRequestSchema, body), caller, preferences));
}

export async function createEmbeddings(body: unknown, caller: Caller, preferences: RequestPreferences) {
  const request = parseOrThrow(embeddingsRequestSchema, body);
  assertModelAllowed(request.model, caller.modelAllowlist);
  const ctx = await buildRouteContext(caller, preferences);
  return toResponse(await routeEmbeddings(request, ctx));
}
