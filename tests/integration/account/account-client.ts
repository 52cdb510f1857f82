import { createTestUser } from "@/tests/support/factories";
import { sessionCookie } from "@/tests/support/session-cookie";

export const APP_ORIGIN = "http://localhost:3001";

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

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
