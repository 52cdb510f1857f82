import { buildChatCandidates } from "./build-candidates";
import type { Candidate } from "./candidate";
import { attemptChatJson, attemptChatStream, type ChatAttemptEnv } from "./chat-attempts";
import { GatewayError } from "./errors";
import { BREAKER } from "./failure-policy";
import { describeRequest } from "./request-features";
import { gatewayHeaders } from "./response-headers";
import { runAttempts, type AttemptCall, type AttemptOutcome, type AttemptSuccess } from "./run-attempts";
import type { ChatCompletionRequest } from "./schemas";
import { redactingFailures } from "./redact-failures";
import { relayStream } from "./stream-relay";
import { DEFAULT_ROUTE_OPTIONS, type AttemptRecord, type GatewayResponse, type RouteContext, type RouteOutcome } from "./types";
import { countCandidateUsage } from "./count-candidate-usage";

/**
 * POST /v1/chat/completions: walk the user's chain until a provider answers. Streams are passed
 * through as they arrive once the first delta shows up; failures before that fail over invisibly.
 * Throws GatewayError; `ctx.onComplete` gets the outcome once the response is fully done.
 */
export async function routeChatCompletion(request: ChatCompletionRequest, ctx: RouteContext): Promise<GatewayResponse> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const options = { ...DEFAULT_ROUTE_OPTIONS, ...ctx.options };
  const features = describeRequest(request);
  const body = request as Record<string, unknown>;
  // A request its caller's limits refused is recorded by the caller, not here.
  const report = (outcome: Omit<RouteOutcome, "requestId" | "requestedModel" | "stream" | "latencyMs">) =>
    void Promise.resolve(ctx.admitted)
      .then(() =>
        ctx.onComplete({ requestId: ctx.requestId, requestedModel: request.model, stream: features.stream, latencyMs: Date.now() - startedAt, ...outcome }),
      )
      .catch(() => {});
  const fail = (error: unknown) => {
    const code = error instanceof GatewayError ? error.code : "internal_error";
    const attempts: AttemptRecord[] = error instanceof GatewayError ? error.attempts : [];
    report({
      providerId: null,
      model: null,
      keyId: null,
      status: "error",
      promptTokens: 0,
      completionTokens: 0,
      usageEstimated: true,
      attempts,
      errorCode: code,
    });
    return error;
  };

  if (request.n != null && request.n !== 1) throw fail(new GatewayError("invalid_request", "Only n=1 is supported.", { param: "n" }));
  let candidates: Candidate[];
  try {
    candidates = buildChatCandidates({
      chain: ctx.chain,
      keys: ctx.keys,
      requestedModel: request.model,
      strict: ctx.strict,
      privacy: ctx.privacy,
      features,
    }).candidates;
  } catch (error) {
    throw fail(error);
  }

  const env: ChatAttemptEnv = { request: body, options, state: ctx.state, jsonMode: features.json, clock: { upstreamMs: 0 } };
  const run = { ctx, options, candidates, promptTokens: features.promptTokens, startedAt };
  const attemptAll = <T>(attempt: (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>) =>
    runWithWait(
      (trail) => runAttempts(trail ? { ...run, startedAt: Date.now(), trail } : run, redactingFailures(attempt)),
      startedAt + (ctx.waitMs ?? 0),
      ctx.signal,
    );
  const countUsage = (c: Candidate, tokens: number) => countCandidateUsage(ctx.state, c, tokens);
  const headersFor = (result: AttemptSuccess<unknown>) =>
    gatewayHeaders({
      providerId: result.candidate.providerId,
      model: result.candidate.model,
      requestedModel: request.model,
      trail: result.trail,
      overheadMs: Math.max(0, performance.now() - t0 - env.clock.upstreamMs),
    });

  if (!features.stream) {
    const result = await attemptAll((c, call) => attemptChatJson(c, call, env)).catch((error) => {
      throw fail(error);
    });
    const { body: answer, usage } = result.value;
    const counted = usage ?? { prompt: features.promptTokens, completion: estimateCompletion(answer) };
    if (!usage) answer.usage = { prompt_tokens: counted.prompt, completion_tokens: counted.completion, total_tokens: counted.prompt + counted.completion };
    countUsage(result.candidate, counted.prompt + counted.completion);
    const headers = { "content-type": "application/json", ...headersFor(result) };
    report({
      providerId: result.candidate.providerId,
      model: result.candidate.model,
      keyId: result.candidate.key.id,
      status: "ok",
      promptTokens: counted.prompt,
      completionTokens: counted.completion,
      usageEstimated: !usage,
      attempts: result.trail,
      errorCode: null,
    });
    return { kind: "json", status: 200, body: answer, headers };
  }

  const result = await attemptAll((c, call) => attemptChatStream(c, call, env)).catch((error) => {
    throw fail(error);
  });
  const c = result.candidate;
  const headers = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headersFor(result) };
  const stream = relayStream(result.value, {
    includeUsage: features.includeUsage,
    promptTokensEstimate: features.promptTokens,
    onEnd: (end) => {
      countUsage(c, end.usage.prompt + end.usage.completion);
      if (end.status === "error") void ctx.state.recordFailure(c.target, BREAKER).catch(() => {});
      report({
        providerId: c.providerId,
        model: c.model,
        keyId: c.key.id,
        status: end.status,
        promptTokens: end.usage.prompt,
        completionTokens: end.usage.completion,
        usageEstimated: end.usageEstimated,
        attempts: result.trail,
        errorCode: end.status === "error" ? "upstream_stream_error" : null,
      });
    },
  });
  return { kind: "stream", body: stream, headers };
}

/**
 * x-freellmapi-wait: a request that would get 429 because everything is cooling down sleeps until
 * the soonest reset, if that comes before `waitUntil`, and tries again (with the same trail).
 */
async function runWithWait<T>(attempt: (trail?: AttemptRecord[]) => Promise<T>, waitUntil: number, signal?: AbortSignal): Promise<T> {
  let trail: AttemptRecord[] | undefined;
  for (;;) {
    try {
      return await attempt(trail);
    } catch (error) {
      if (!(error instanceof GatewayError) || error.code !== "all_providers_exhausted" || error.retryAt === null || error.retryAt > waitUntil) throw error;
      trail = error.attempts;
      await sleepUntil(error.retryAt + 50, signal);
    }
  }
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GatewayError("client_closed", "The client closed the connection."));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, at - Date.now()),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** ~4 chars per token over the answer text (lib/providers/usage.ts). */
function estimateCompletion(body: Record<string, unknown>): number {
  const choices = (body.choices ?? []) as Array<{ message?: { content?: unknown; reasoning_content?: unknown; tool_calls?: unknown } }>;
  let chars = 0;
  for (const { message } of choices) {
    if (typeof message?.content === "string") chars += message.content.length;
    if (typeof message?.reasoning_content === "string") chars += message.reasoning_content.length;
    if (message?.tool_calls) chars += JSON.stringify(message.tool_calls).length;
  }
  return Math.ceil(chars / 4);
}
