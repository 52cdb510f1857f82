import { AppError } from "@/lib/errors";
import type { Protocol } from "@/lib/protocols/protocol";
import type { ApiSurface } from "./api-surface";
import { preflightResponse, withCors } from "./cors";
import { registerDirectRoute } from "./direct-routes";
import { newRequestId, withApiKey, type ApiKeyHandler } from "./with-api-key";

type RouteHandler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** An answer in the surface's envelope for requests no handler takes (wrong method, unknown path). */
export function refuse(surface: ApiSurface, request: Request, error: AppError, headers: Record<string, string> = {}): Response {
  return withCors(request, surface.errorResponse(error, newRequestId(), headers));
}

/**
 * A /v1 route file's exports: each given method behind `withApiKey`, every other method a 405 in
 * the surface's envelope (never Next's empty 405), and the CORS preflight.
 * Use as `export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(...)`.
 * `direct`: the route file's own path, for a route with no dynamic segment. Its handlers are then
 * also registered as direct routes (./direct-routes.ts), which `npm start` answers without
 * Next.js's request pipeline.
 */
export function v1Routes<P = unknown>(
  surface: ApiSurface,
  protocol: Protocol,
  handlers: Partial<Record<"GET" | "POST", ApiKeyHandler<P>>>,
  options: { direct?: `/v1/${string}` } = {},
) {
  const allowed = METHODS.filter((method) => handlers[method as "GET" | "POST"]);
  const notAllowed = async (request: Request) =>
    refuse(surface, request, new AppError("method_not_allowed", `${request.method} is not supported here; use ${allowed.join(" or ")}.`), {
      allow: [...allowed, "OPTIONS"].join(", "),
    });
  const routes = {} as Record<Method | "HEAD" | "OPTIONS", RouteHandler<P>>;
  for (const method of METHODS) {
    const handler = handlers[method as "GET" | "POST"];
    routes[method] = handler ? withApiKey(surface, protocol, handler) : notAllowed;
  }
  routes.HEAD = handlers.GET ? routes.GET : notAllowed;
  routes.OPTIONS = async (request: Request) => preflightResponse(request, allowed);
  const { direct } = options;
  if (direct) {
    const noParams = { params: Promise.resolve({} as P) };
    for (const method of allowed) registerDirectRoute(method, direct, surface, (request) => routes[method](request, noParams));
  }
  return routes;
}
