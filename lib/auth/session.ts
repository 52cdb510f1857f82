import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import type { SessionUser } from "@/lib/users";
import { ensureNextAuthUrl } from "./options";
import { loadSessionUser } from "./user-sessions";

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export interface Session {
  user: SessionUser;
  /** The UserSession row this cookie names; ending it signs this browser out. */
  sessionId: string;
}

/** The signed cookie names a user and a session; both must still exist. */
async function sessionFromCookies(cookies: Record<string, string>): Promise<Session | null> {
  ensureNextAuthUrl();
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: getEnv().AUTH_SECRET }).catch(() => null);
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!token?.sub || !sessionId) return null;
  const user = await loadSessionUser(token.sub, sessionId);
  return user ? { user, sessionId } : null;
}

/**
 * The session of a route handler request, read from next-auth's session cookie only (not an
 * Authorization header: the dashboard API is for the browser session).
 */
export function getSession(request: Request): Promise<Session | null> {
  return sessionFromCookies(parseCookies(request.headers.get("cookie")));
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** For server components and server actions. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  // Reading the request's cookies first marks the page dynamic, so `next build` never tries to
  // prerender a session-dependent page (and never needs the secrets to do so).
  const jar = await cookies();
  const session = await sessionFromCookies(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])));
  return session?.user ?? null;
}

/** For pages behind sign-in: sends anyone without a session to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
