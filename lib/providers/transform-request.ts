import { getProvider } from "./registry";
import { foldSystemMessages, type Message } from "./request-helpers";
import type { Body, UpstreamChatInput } from "./types";

export type { UpstreamChatInput } from "./types";

/**
 * The body to send upstream: the client's request in the OpenAI-compatible base form (output
 * budget field and cap, usage on streams, no reasoning knob for models that do not reason), then
 * the provider's own quirks from its folder (docs/ROUTING.md, "Provider quirks").
 */
export function buildUpstreamChatBody(input: UpstreamChatInput): Body {
  const { providerId, spec, request } = input;
  const provider = getProvider(providerId);
  const body: Body = { ...request, model: input.model };
  const stream = body.stream === true;

  const requested = numberOr(body.max_completion_tokens, numberOr(body.max_tokens, undefined));
  delete body.max_tokens;
  delete body.max_completion_tokens;
  let maxTokens = requested ?? provider.defaultMaxTokens;
  if (provider.adjustMaxTokens) maxTokens = provider.adjustMaxTokens(body, spec, maxTokens);
  if (maxTokens !== undefined && spec) maxTokens = Math.min(maxTokens, spec.maxOutput);
  if (maxTokens !== undefined) body[provider.maxTokensField] = maxTokens;

  if (stream && provider.acceptsStreamOptions) body.stream_options = { include_usage: true };
  else delete body.stream_options;

  for (const field of provider.droppedParams ?? []) delete body[field];
  // Hosts answer 400 to reasoning_effort on a model that does not reason; protocol layers map thinking onto it.
  if (spec && !spec.reasoning) delete body.reasoning_effort;
  if (spec?.noSystemRole && Array.isArray(body.messages)) body.messages = foldSystemMessages(body.messages as Message[]);

  return provider.transformRequest ? provider.transformRequest(body, input) : body;
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
