import { request, type Dispatcher } from "undici";
import { UnsafeUpstreamError } from "@/lib/providers/errors";
import { outboundDispatcher } from "@/lib/providers/outbound/outbound-agent";

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  connectTimeoutMs: number;
  /** ALLOW_PRIVATE_UPSTREAMS or an operator-set base URL; otherwise only public addresses are dialled. */
  allowPrivate: boolean;
  /** Time allowed until response headers, and for any silence while reading the body. */
  firstByteTimeoutMs: number;
}

export type UpstreamResponse = Dispatcher.ResponseData;

/** Redirects are not followed (undici's `request` never does): a 3xx comes back as the answer. */
export function postUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  return request(call.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...call.headers },
    body: call.body,
    signal: call.signal,
    dispatcher: outboundDispatcher({ allowPrivate: call.allowPrivate, connectTimeoutMs: call.connectTimeoutMs }),
    headersTimeout: call.firstByteTimeoutMs,
    bodyTimeout: call.firstByteTimeoutMs,
  });
}

/** A network-level failure in words a person can act on. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof UnsafeUpstreamError) return error.message;
  const e = error as { code?: string; message?: string; name?: string };
  switch (e?.code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return "connect timeout";
    case "UND_ERR_HEADERS_TIMEOUT":
      return "no response before the first-byte timeout";
    case "UND_ERR_BODY_TIMEOUT":
      return "upstream went silent mid-response";
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection reset";
    default:
      return e?.name === "AbortError" ? "aborted" : (e?.message ?? String(error));
  }
}
