import { randomUUID } from "node:crypto";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { getSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/users";
import { assertStorableParams } from "@/lib/validation/storable-text";
import { jsonResponse } from "./http-response";
import { errorResponse } from "./json-error";
import { readJsonBody } from "./read-json-body";

interface BaseContext<P> {
  request: Request;
  requestId: string;
  params: P;
  /** The parsed JSON body; 400 `invalid_json` when it is missing or malformed. */
  json(): Promise<unknown>;
  /** Query parameters as a plain object, for a zod schema. */
  query(): Record<string, string>;
}

export interface SessionContext<P> extends BaseContext<P> {
  user: SessionUser;
  /** The server-side session this request's cookie names. */
  sessionId: string;
}

export type PublicContext<P> = BaseContext<P> & { user: SessionUser | null; sessionId: string | null };

type RouteContext<P> = { params: Promise<P> };

/** A JSON answer; `null` data becomes an empty 204. */
export function respond(data: unknown, status = 200): Response {
  if (data === null) return new Response(null, { status: 204 });
  return jsonResponse(data, { status, headers: { "cache-control": "no-store" } });
}

/** The caller's `x-request-id` when it is a plausible id, else a new one. */
function accountRequestId(request: Request): string {
  return request.headers.get("x-request-id")?.match(/^[\w-]{8,64}$/)?.[0] ?? `req_${randomUUID().replaceAll("-", "")}`;
}

/**
 * Everything /api/account/** shares: a request id on every answer, the session (401 without
 * one), the CSRF check on mutations, JSON parsing and the error mapping. `{ public: true }`
 * skips only the session requirement (sign-up, auth providers); the CSRF check still applies.
 */
export function withSession<P = Record<string, never>>(
  handler: (ctx: SessionContext<P>) => Promise<Response>,
): (request: Request, route: RouteContext<P>) => Promise<Response>;
export function withSession<P = Record<string, never>>(
  handler: (ctx: PublicContext<P>) => Promise<Response>,
  options: { public: true },
): (request: Request, route: RouteContext<P>) => Promise<Response>;
export function withSession<P>(handler: (ctx: SessionContext<P>) => Promise<Response>, options: { public?: boolean } = {}) {
  return async (request: Request, route: RouteContext<P>): Promise<Response> => {
    const requestId = accountRequestId(request);
    let response: Response;
    try {
      assertSameOrigin(request);
      const session = await getSession(request);
      const user = session?.user ?? null;
      if (!user && !options.public) throw new AppError("unauthorized", "Sign in to continue");
      const params = (await route?.params) ?? ({} as P);
      assertStorableParams(params);
      const ctx = {
        request,
        requestId,
        user: user as SessionUser,
        sessionId: session?.sessionId as string,
        params,
        json: () => readJsonBody(request, getEnv().MAX_BODY_BYTES),
        query: () => Object.fromEntries(new URL(request.url).searchParams),
      };
      response = await handler(ctx);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    response.headers.set("x-request-id", requestId);
    return response;
  };
}

const ACCOUNT_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type AccountMethod = (typeof ACCOUNT_METHODS)[number];
type AccountHandler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

/**
 * An account route file's exports: the given handlers, and a JSON 405 with `Allow` for every other
 * method (never Next's empty 405; a path like `/api-keys/%2e/cache` resolves onto a sibling route).
 * OPTIONS is answered here too: Next's own would list every exported method, the 405s included.
 * Use as `export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({ ... })`.
 */
export function accountRoutes<P>(handlers: Partial<Record<AccountMethod, AccountHandler<P>>>): Record<AccountMethod | "OPTIONS", AccountHandler<P>> {
  const allowed = ACCOUNT_METHODS.filter((method) => handlers[method]);
  const notAllowed: AccountHandler<P> = async (request) =>
    errorResponse(
      new AppError("method_not_allowed", `${request.method} is not supported here; use ${allowed.join(" or ")}.`, null, {
        headers: { allow: allowed.join(", ") },
      }),
      accountRequestId(request),
    );
  // Next.js answers HEAD with the GET handler, so a route with GET has HEAD too.
  const options = [...allowed, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  return {
    ...(Object.fromEntries(ACCOUNT_METHODS.map((method) => [method, handlers[method] ?? notAllowed])) as Record<AccountMethod, AccountHandler<P>>),
    OPTIONS: async (request) => new Response(null, { status: 204, headers: { allow: options, "x-request-id": accountRequestId(request) } }),
  };
}
