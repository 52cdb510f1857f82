import { getEnv } from "@/lib/env";

/**
 * CORS for /v1/*: bearer-key calls carry no cookies, so any origin may call by default;
 * CORS_ALLOWED_ORIGINS narrows that to a list, plus the origin a presented browser token is bound
 * to. The dashboard's /api/account/* never sends these.
 */
const EXPOSED = [
  "x-request-id",
  "request-id",
  "retry-after",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "x-freellmapi-provider",
  "x-freellmapi-model",
  "x-freellmapi-requested-model",
  "x-freellmapi-attempts",
  "x-freellmapi-fallback-trail",
  "x-freellmapi-overhead-ms",
  "x-freellmapi-cache",
  "x-freellmapi-warning",
].join(", ");

// Authorization is never covered by `*`, so the preflight names what the browser asks for;
// these are what the official SDKs and our own headers need when it asks for nothing.
const DEFAULT_ALLOWED_HEADERS =
  "authorization, content-type, x-api-key, anthropic-version, anthropic-beta, x-freellmapi-identifier, x-freellmapi-strict, x-freellmapi-privacy, x-freellmapi-cache, x-freellmapi-wait";

function allowedOrigin(origin: string | null, tokenOrigin: string | undefined): string | null {
  const list = getEnv().CORS_ALLOWED_ORIGINS;
  if (list.length === 0) return "*";
  return origin && (list.includes(origin) || origin === tokenOrigin) ? origin : null;
}

/** The headers every /v1 answer carries for a browser caller; `tokenOrigin`: the browser token's, once verified. */
export function corsHeaders(request: Request, tokenOrigin?: string): Record<string, string> {
  const origin = allowedOrigin(request.headers.get("origin"), tokenOrigin);
  if (!origin) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED, ...(origin === "*" ? {} : { vary: "Origin" }) };
}

export function withCors(request: Request, response: Response, tokenOrigin?: string): Response {
  for (const [name, value] of Object.entries(corsHeaders(request, tokenOrigin))) response.headers.set(name, value);
  return response;
}

/**
 * OPTIONS: the preflight answer, for known and unknown /v1 paths alike. A preflight carries no
 * Authorization, so it cannot tell a page holding a browser token from any other: it lets every
 * origin send, and the answer itself is readable only by the origins `corsHeaders` allows.
 */
export function preflightResponse(request: Request, methods: readonly string[]): Response {
  const origin = request.headers.get("origin");
  const headers: Record<string, string> = {
    ...corsHeaders(request, origin ?? undefined),
    "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
    "access-control-allow-headers": request.headers.get("access-control-request-headers") || DEFAULT_ALLOWED_HEADERS,
    "access-control-max-age": "86400",
    allow: [...methods, "OPTIONS"].join(", "),
  };
  return new Response(null, { status: 204, headers });
}
