import { buildChatCandidates } from "./build-candidates";
import { attemptChatJson, attemptChatStream, type ChatAttemptEnv } from "./chat-attempts";
import { GatewayError } from "./errors";
import { BREAKER } from "./failure-policy";
import { describeRequest } from "./request-features";
import { RoutedRequest, type RoutingInput } from "./routed-request";
import type { ChatCompletionRequest } from "./schemas";
import { relayStream } from "./stream-relay";
import { DEFAULT_ROUTE_OPTIONS, type GatewayResponse, type RouteContext } from "./types";

/**
 * POST /v1/chat/completions: walk the user's chain until a provider answers. Streams are passed
 * through as they arrive once the first delta shows up; failures before that fail over invisibly.
 * Throws GatewayError; `ctx.onComplete` gets the outcome once the response is fully done.
 */
export async function routeChatCompletion(request: ChatCompletionRequest, ctx: RouteContext): Promise<GatewayResponse> {
  const options = { ...DEFAULT_ROUTE_OPTIONS, ...ctx.options };
  const features = describeRequest(request);
  const routed = new RoutedRequest(ctx, request.model, features.stream, options, features.promptTokens);

  if (request.n != null && request.n !== 1) throw routed.fail(new GatewayError("invalid_request", "Only n=1 is supported.", { param: "n" }));
  const candidatesOf = ({ chain, keys, model = request.model }: RoutingInput) =>
    buildChatCandidates({ chain, keys, requestedModel: model, strict: ctx.strict, privacy: ctx.privacy, features }).candidates;
  const env: ChatAttemptEnv = { request, options, state: ctx.state, jsonMode: features.json, clock: routed.clock };

  if (!features.stream) {
    const result = await routed.attempt(candidatesOf, (c, call) => attemptChatJson(c, call, env));
    const { body: answer, usage } = result.value;
    const counted = usage ?? { prompt: features.promptTokens, completion: estimateCompletion(answer) };
    if (!usage) answer.usage = { prompt_tokens: counted.prompt, completion_tokens: counted.completion, total_tokens: counted.prompt + counted.completion };
    const headers = { "content-type": "application/json", ...routed.headers(result) };
    routed.answered(result.candidate, result.trail, { status: "ok", prompt: counted.prompt, completion: counted.completion, estimated: !usage });
    return { kind: "json", status: 200, body: answer, headers };
  }

  const result = await routed.attempt(candidatesOf, (c, call) => attemptChatStream(c, call, env));
  const c = result.candidate;
  const headers = { "content-type": "text/event-stream; charset=utf-8", ...routed.headers(result) };
  const stream = relayStream(result.value, {
    includeUsage: features.includeUsage,
    promptTokensEstimate: features.promptTokens,
    onEnd: (end) => {
      if (end.status === "error") void ctx.state.recordFailure(c.target, BREAKER).catch(() => {});
      routed.answered(c, result.trail, {
        status: end.status,
        prompt: end.usage.prompt,
        completion: end.usage.completion,
        estimated: end.usageEstimated,
        errorCode: end.status === "error" ? "upstream_stream_error" : null,
      });
    },
  });
  return { kind: "stream", body: stream, headers };
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
