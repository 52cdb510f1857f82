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

const TRANSPORT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "FIRST_TOKEN_TIMEOUT",
]);

/** A failure to reach the provider at all (refused, reset, DNS, TLS, connect or first-token timeout). */
export function isTransportError(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = String(e?.code ?? e?.cause?.code ?? "");
  return TRANSPORT_CODES.has(code) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
}

/** An abort reason for an attempt that produced no first token in time; counts as a transport failure. */
export function firstTokenTimeout(ms: number): Error {
  return Object.assign(new Error(`no first token within ${Math.round(ms)} ms`), { code: "FIRST_TOKEN_TIMEOUT" });
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
