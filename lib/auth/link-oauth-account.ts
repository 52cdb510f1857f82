import type { Account, Profile, User } from "next-auth";
import { prisma } from "@/lib/db";
import { emailSchema } from "@/lib/users/schemas";

/**
 * Only a verified email may link an OAuth identity to an existing user: otherwise anyone who
 * controls an IdP that vouches for an unverified address could take over that account.
 * GitHub's email is already the primary verified one (see oauth-providers.ts).
 */
export function verifiedEmail(account: Account, user: User, profile: Profile | undefined): string | null {
  const claims = (profile ?? {}) as { email?: unknown; email_verified?: unknown };
  const verified = account.provider === "github" ? true : claims.email_verified === true || claims.email_verified === "true";
  const raw = typeof claims.email === "string" ? claims.email : user.email;
  const parsed = emailSchema.safeParse(raw ?? "");
  return verified && parsed.success ? parsed.data : null;
}

/**
 * The user id for an OAuth sign-in: the user already linked to this identity, else the user
 * with this verified email (linked now), else a new user. Tokens are kept on the Account row.
 */
export async function linkOAuthAccount(account: Account, user: User, profile: Profile | undefined): Promise<string | null> {
  const key = { provider: account.provider, providerAccountId: account.providerAccountId };
  const tokens = {
    access_token: account.access_token ?? null,
    refresh_token: account.refresh_token ?? null,
    expires_at: account.expires_at ?? null,
    token_type: account.token_type ?? null,
    scope: account.scope ?? null,
    id_token: account.id_token ?? null,
    session_state: typeof account.session_state === "string" ? account.session_state : null,
  };
  const linked = await prisma.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
  if (linked) {
    await prisma.account.update({ where: { provider_providerAccountId: key }, data: tokens });
    return linked.userId;
  }
  const email = verifiedEmail(account, user, profile);
  if (!email) return null;
  return prisma.$transaction(async (tx) => {
    const owner =
      (await tx.user.findUnique({ where: { email }, select: { id: true } })) ??
      (await tx.user.create({ data: { email, name: user.name ?? null, image: user.image ?? null, emailVerified: new Date() }, select: { id: true } }));
    await tx.account.create({ data: { ...key, ...tokens, userId: owner.id, type: account.type } });
    return owner.id;
  });
}

/** The user an OAuth identity was linked to, for the JWT callback. */
export async function userIdForAccount(provider: string, providerAccountId: string): Promise<string | null> {
  const row = await prisma.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { userId: true } });
  return row?.userId ?? null;
}
