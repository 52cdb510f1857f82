import type { IncomingMessage, ServerResponse } from "node:http";
import { respondChat } from "./chat-responder";
import { promptTokens } from "./chat-result";
import { handleControl } from "./control-routes";
import { type EmbeddingsRequestBody, embeddingsBody } from "./embeddings";
import type { Endpoint } from "./fault-queue";
import { bearerKey, flatHeaders, readBody, resetConnection, sendError, sendJson } from "./http-io";
import { type MockState, profileContext } from "./mock-state";
import type { ChatRequestBody, ErrorReply, Fault, RecordedRequest } from "./types";

function routeOf(method: string, path: string): Endpoint | "model" | undefined {
  if (method === "POST" && path === "/chat/completions") return "chat";
  if (method === "POST" && path === "/embeddings") return "embeddings";
  if (method === "GET" && path === "/models") return "models";
  if (method === "GET" && path.startsWith("/models/")) return "model";
  return undefined;
}

/** The profile's error reply for a fault that answers with an HTTP error, else undefined. */
function faultReply(state: MockState, fault: Fault, model: string, body: ChatRequestBody): ErrorReply | undefined {
  const { errors } = state.profile;
  const ctx = profileContext(state);
  switch (fault.kind) {
    case "rate-limit":
      return errors.rateLimit(fault, model, ctx);
    case "bad-key":
      return errors.badKey("invalid-key", ctx);
    case "payment-required":
      return errors.paymentRequired(model, ctx);
    case "model-gone":
      return errors.modelNotFound(model, ctx);
    case "too-large":
      return errors.tooLarge(model, promptTokens(body), ctx);
    case "server-error":
      return errors.serverError(fault.status ?? 500, ctx);
    case "degraded":
      return errors.degraded(model, ctx);
    case "http":
      return { status: fault.status, body: fault.body, headers: fault.headers };
    default:
      return undefined;
  }
}

export async function handleRequest(state: MockState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawBody = await readBody(req);
  const url = new URL(req.url ?? "/", "http://mock");
  if (url.pathname.startsWith("/__mock/")) return handleControl(state, url.pathname, req.method ?? "GET", rawBody, res);
  const ctx = profileContext(state);
  const method = req.method ?? "GET";
  const path = url.pathname.startsWith(`${state.basePath}/`) ? url.pathname.slice(state.basePath.length) : "";
  const route = routeOf(method, path);
  if (!route) return sendJson(res, 404, { error: { message: `No route for ${method} ${url.pathname}`, code: 404 } });

  let body: Record<string, unknown> = {};
  if (rawBody) {
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      return sendError(res, state.profile.errors.badRequest("We could not parse the JSON body of your request.", null, ctx));
    }
  }
  const requested = route === "model" ? decodeURIComponent(path.slice("/models/".length)) : (body.model as string | undefined);
  const model = requested === undefined ? undefined : (state.profile.normalizeModel?.(requested) ?? requested);
  // Benchmark mode keeps no log; the record below is only built for tests that read it.
  const record: RecordedRequest | undefined = state.zeroLatency
    ? undefined
    : {
        method,
        path,
        url: req.url ?? "/",
        headers: flatHeaders(req),
        body: rawBody ? body : undefined,
        rawBody,
        model,
        receivedAt: Date.now(),
      };
  if (record) {
    state.requests.push(record);
    // The caller hung up before the answer was complete (a failover or hedge aborting this call).
    res.once("close", () => {
      if (!res.writableEnded && record.fault !== "reset" && record.fault !== "stream-cut") record.clientClosed = true;
    });
  }

  const key = bearerKey(req);
  const listing = route === "models" || route === "model";
  const keyless = (listing && state.profile.publicModelList) || (key === undefined && model !== undefined && state.profile.keylessModel?.(model));
  if (!keyless && (key === undefined || !state.keys.has(key))) return sendError(res, state.profile.errors.badKey(key, ctx));

  const fault = state.faults.take(route === "model" ? "models" : route, model);
  if (record) record.fault = fault?.kind;
  state.served += 1;
  if (fault?.kind === "hang") return; // accepted, never answered; close() drops the socket
  if (fault?.kind === "reset") return resetConnection(req);
  const reply = fault && faultReply(state, fault, model ?? "unknown", body as ChatRequestBody);
  if (reply) return sendError(res, reply);

  if (route === "models") return sendJson(res, 200, state.profile.listModels(state.modelList));
  const spec = model === undefined ? undefined : state.models.get(model);
  if (!spec) return sendError(res, state.profile.errors.modelNotFound(model ?? "", ctx));
  if (route === "model") {
    const list = state.profile.listModels([spec]) as { data?: unknown[] };
    return sendJson(res, 200, list.data?.[0] ?? list);
  }
  if (spec.notOnFreeTier) {
    return sendError(res, state.profile.errors.rateLimit({ kind: "rate-limit", variant: "not-free-tier" }, spec.id, ctx));
  }
  const successHeaders = state.zeroLatency ? {} : state.profile.successHeaders(ctx);
  if (route === "embeddings") {
    if (spec.kind !== "embedding") return sendError(res, state.profile.errors.badRequest(`Model ${spec.id} does not support embeddings.`, "model", ctx));
    return sendJson(res, 200, embeddingsBody(spec, body as EmbeddingsRequestBody), successHeaders);
  }
  if (spec.kind === "embedding") return sendError(res, state.profile.errors.badRequest(`Model ${spec.id} does not support chat completions.`, "model", ctx));
  const chat = body as ChatRequestBody;
  const rejection = state.profile.validate?.(chat, spec, ctx);
  if (rejection) return sendError(res, rejection);
  return respondChat(state, req, res, chat, spec, fault);
}
