import { encode } from "next-auth/jwt";
import { startUserSession } from "@/lib/auth/user-sessions";
import { createTestUser } from "@/tests/support/factories";

export const APP_ORIGIN = "http://localhost:3001";

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

/** A real next-auth session cookie naming a live server-side session, as sign-in would set it. */
export async function sessionCookie(user: { id: string; email: string; name?: string | null }) {
  // A user that does not exist (or no longer does) gets a session id that names nothing.
  const sid = await startUserSession(user.id).catch(() => "no-such-session");
  const token = await encode({ token: { sub: user.id, sid, email: user.email, name: user.name ?? null }, secret: process.env.AUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export interface CallOptions<P> {
  method?: string;
  path?: string;
  body?: unknown;
  /** A raw body string, sent as is (malformed JSON tests). */
  rawBody?: string;
  user?: { id: string; email: string; name?: string | null } | null;
  origin?: string | null;
  headers?: Record<string, string>;
  params?: P;
}

/** Calls an exported route handler the way Next.js would, with the session cookie and Origin. */
export async function call<P = Record<string, never>>(handler: Handler<P>, options: CallOptions<P> = {}) {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) headers.cookie = await sessionCookie(options.user);
  if (options.origin !== null && method !== "GET") headers.origin = options.origin ?? APP_ORIGIN;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${APP_ORIGIN}${options.path ?? "/api/account"}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

export async function twoUsers() {
  return { alice: await createTestUser(), bob: await createTestUser() };
}
