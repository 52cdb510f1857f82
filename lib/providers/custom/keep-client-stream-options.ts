import type { Body, UpstreamChatInput } from "../types";

/** The user's endpoint gets the client's own `stream_options` on a stream: whether it accepts them is unknown to us. */
export function keepClientStreamOptions(body: Body, { request }: UpstreamChatInput): Body {
  if (body.stream === true && request.stream_options !== undefined) body.stream_options = request.stream_options;
  return body;
}
