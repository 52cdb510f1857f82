import type { ChatResult } from "./chat-result";
import type { ProviderProfile } from "./profiles/provider-profile";
import { alnumId } from "./wire-formats";

export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export function responseIdentity(seed: string, model: string, now: number): ResponseIdentity {
  return { id: `chatcmpl-${alnumId(seed, 29)}`, created: Math.floor(now / 1000), model };
}

export function toolCallsOnWire(profile: ProviderProfile, result: ChatResult) {
  return result.toolCalls.map((call) => ({
    id: call.id,
    type: "function",
    function: { name: call.name, arguments: call.arguments },
    ...call.extra,
  }));
}

/** Non-stream `chat.completion` object in the profile's dialect. */
export function completionBody(profile: ProviderProfile, identity: ResponseIdentity, result: ChatResult) {
  const message: Record<string, unknown> = { role: "assistant", content: result.content };
  if (result.reasoning && profile.reasoningField) message[profile.reasoningField] = result.reasoning;
  if (result.toolCalls.length > 0) message.tool_calls = toolCallsOnWire(profile, result);
  const body: Record<string, unknown> = {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: result.finishReason }],
    usage: { ...result.usage },
  };
  if (profile.stream.xGroq) body.x_groq = { id: `req_${alnumId(identity.id, 26)}` };
  profile.decorate?.(body, true);
  return body;
}
