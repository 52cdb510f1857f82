import { encode } from "next-auth/jwt";
import { startUserSession } from "@/lib/auth/user-sessions";

/**
 * A real next-auth session cookie naming a live server-side session, as sign-in would set it
 * (signed with the AUTH_SECRET in this process's env, which the api tests share with the app).
 */
export async function sessionCookie(user: { id: string; email: string; name?: string | null }) {
  // A user that does not exist (or no longer does) gets a session id that names nothing.
  const sid = await startUserSession(user.id).catch(() => "no-such-session");
  const token = await encode({ token: { sub: user.id, sid, email: user.email, name: user.name ?? null }, secret: process.env.AUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
