import { AppError } from "@/lib/errors";
import { chatCompletionRequestSchema, embeddingsRequestSchema, parseOrThrow, routeChatCompletion, routeEmbeddings } from "@/lib/router";
import { buildRouteContext, type Caller, type RequestPreferences } from "./route-context";
import { toResponse } from "./to-response";

function assertModelAllowed(model: string, allowlist: readonly string[]) {
  if (allowlist.length > 0 && !allowlist.includes(model)) {
    throw new AppError("model_not_allowed", `This API key may only use: ${allowlist.join(", ")}`, "model");
  }
}

export async function createChatCompletion(body: unknown, caller: Caller, preferences: RequestPreferences, allowlist: readonly string[] = []) {
  const request = parseOrThrow(chatCompletionRequestSchema, body);
  assertModelAllowed(request.model, allowlist);
  const ctx = await buildRouteContext(caller, preferences);
  return toResponse(await routeChatCompletion(request, ctx));
}

export async function createEmbeddings(body: unknown, caller: Caller, preferences: RequestPreferences, allowlist: readonly string[] = []) {
  const request = parseOrThrow(embeddingsRequestSchema, body);
  assertModelAllowed(request.model, allowlist);
  const ctx = await buildRouteContext(caller, preferences);
  return toResponse(await routeEmbeddings(request, ctx));
}
