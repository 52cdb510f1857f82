import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { SessionUser } from "@/lib/users";
import { ensureNextAuthUrl, getAuthOptions } from "./options";

/** The session names a user id; the user must still exist (a deleted account ends its sessions). */
async function loadUser(userId: string | undefined | null): Promise<SessionUser | null> {
  if (!userId) return null;
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}

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

/**
 * The signed-in user of a route handler request, read from next-auth's session cookie only
 * (not an Authorization header: the dashboard API is for the browser session).
 */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  ensureNextAuthUrl();
  const token = await getToken({
    req: { cookies: parseCookies(request.headers.get("cookie")), headers: {} } as never,
    secret: getEnv().AUTH_SECRET,
  }).catch(() => null);
  return loadUser(token?.sub);
}

/** For server components and server actions. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  // Reading the request's cookies first marks the page dynamic, so `next build` never tries to
  // prerender a session-dependent page (and never needs the secrets to do so).
  await cookies();
  const session = await getServerSession(getAuthOptions());
  return loadUser((session?.user as { id?: string } | undefined)?.id);
}

/** For pages behind sign-in: sends anyone without a session to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
