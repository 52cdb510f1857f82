import type { ChatCompletionRequest, GatewayResponse } from "@/lib/router";
import { asksForJson } from "@/lib/router/request-features";
import { tapChatStream } from "./chat-stream-tap";

export const WARNING_HEADER = "x-freellmapi-warning";
export const JSON_TRUNCATED = "json-possibly-truncated";

type Body = Record<string, unknown>;

/** A JSON-mode answer that stopped at the token limit and whose text does not parse. */
export function isPossiblyTruncatedJson(completion: Body): boolean {
  const choice = ((completion.choices ?? []) as Body[])[0];
  if (choice?.finish_reason !== "length") return false;
  const content = (choice.message as Body | undefined)?.content;
  if (typeof content !== "string") return false;
  try {
    JSON.parse(content);
    return false;
  } catch {
    return true;
  }
}

/**
 * JSON mode cut by max_tokens: the answer says so, as `x-freellmapi-warning` on a JSON answer and
 * as a final SSE comment (before [DONE]) on a stream, whose headers left before the end was known.
 */
export function warnOnTruncatedJson(request: ChatCompletionRequest, result: GatewayResponse): GatewayResponse {
  if (!asksForJson(request)) return result;
  if (result.kind === "json") {
    if (result.status !== 200 || !isPossiblyTruncatedJson(result.body as Body)) return result;
    return { ...result, headers: { ...result.headers, [WARNING_HEADER]: JSON_TRUNCATED } };
  }
  const trailer = (completion: Body) => (isPossiblyTruncatedJson(completion) ? `${WARNING_HEADER}: ${JSON_TRUNCATED}` : null);
  return { ...result, body: tapChatStream(result.body, { jsonMode: true, trailer }) };
}
