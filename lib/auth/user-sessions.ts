import { randomBytes } from "node:crypto";
import { ttlCache } from "@/lib/cache/ttl-cache";
import { prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/users";

/**
 * Server-side sessions behind next-auth's signed cookie: the cookie carries a session id, and
 * the session lasts only while its UserSession row exists. Sign-out deletes the row, a password
 * change or "sign out everywhere" deletes the others, account deletion cascades to all.
 * Each check is cached for at most SESSION_CHECK_TTL_MS, so other instances notice within it.
 */
export const SESSION_CHECK_TTL_MS = 2_000;

const checks = ttlCache<string, { user: SessionUser | null }>({ max: 20_000, ttl: SESSION_CHECK_TTL_MS });
const cacheKey = (userId: string, sessionId: string) => `${userId}|${sessionId}`;

export async function startUserSession(userId: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await prisma.userSession.create({ data: { id, userId } });
  return id;
}

/** The user of a live session; null when the session was ended or names another user. */
export async function loadSessionUser(userId: string, sessionId: string): Promise<SessionUser | null> {
  const key = cacheKey(userId, sessionId);
  const cached = checks.get(key);
  if (cached) return cached.user;
  const row = await prisma.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, user: { select: { id: true, email: true, name: true } } },
  });
  const user = row && row.userId === userId ? row.user : null;
  checks.set(key, { user });
  return user;
}

function forget(match: (key: string) => boolean) {
  for (const key of [...checks.keys()]) if (match(key)) checks.delete(key);
}

export async function endUserSession(sessionId: string): Promise<void> {
  await prisma.userSession.deleteMany({ where: { id: sessionId } });
  forget((key) => key.endsWith(`|${sessionId}`));
}

/** Ends every session of the user but `keep` (the one asking); returns how many ended. */
export async function endOtherUserSessions(userId: string, keep: string | null): Promise<number> {
  const { count } = await prisma.userSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  forget((key) => key.startsWith(`${userId}|`) && (!keep || !key.endsWith(`|${keep}`)));
  return count;
}

/** After an account is deleted (its rows went with it): drop what this instance cached. */
export function forgetUserSessions(userId: string) {
  forget((key) => key.startsWith(`${userId}|`));
}
