import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { verifyCredentials } from "@/lib/users";
import { ATTEMPT_LIMITS, attemptIdentifier, clientAddress, getAttemptLimiter } from "@/lib/limits";
import { linkOAuthAccount, userIdForAccount } from "./link-oauth-account";
import { configuredOAuthProviders } from "./oauth-providers";
import { endUserSession, loadSessionUser, startUserSession } from "./user-sessions";

/**
 * next-auth v4 builds its callback and redirect URLs from NEXTAUTH_URL. With PUBLIC_URL that is
 * the app's address; without it each request's own Host is used (lib/auth/next-auth-handler).
 */
export function ensureNextAuthUrl(env: Record<string, string | undefined> = process.env) {
  if (env.PUBLIC_URL) env.NEXTAUTH_URL ||= env.PUBLIC_URL;
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST = "true";
}

/** The cookie policy must not depend on which host a request named, or sessions would split. */
function usesSecureCookies(env: Record<string, string | undefined> = process.env) {
  return (env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/** One message for every credential failure, so sign-in never reveals whether an email exists. */
export const INVALID_CREDENTIALS = "Invalid email or password";
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a few minutes and try again.";

const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, request) {
    const email = String(input?.email ?? "")
      .trim()
      .toLowerCase();
    const password = String(input?.password ?? "");
    const address = clientAddress(request?.headers);
    const pair = attemptIdentifier(email, address);
    const limiter = getAttemptLimiter();
    const limit = await limiter.takeAll([
      [ATTEMPT_LIMITS.signInPairBurst, pair],
      [ATTEMPT_LIMITS.signInPairSustained, pair],
      [ATTEMPT_LIMITS.signInAddress, address],
    ]);
    if (!limit.allowed) throw new Error(TOO_MANY_ATTEMPTS);
    const user = email && password ? await verifyCredentials(email, password) : null;
    if (!user) throw new Error(INVALID_CREDENTIALS);
    await Promise.all([limiter.reset(ATTEMPT_LIMITS.signInPairBurst, pair), limiter.reset(ATTEMPT_LIMITS.signInPairSustained, pair)]);
    return user;
  },
});

export function buildAuthOptions(): NextAuthOptions {
  ensureNextAuthUrl();
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    useSecureCookies: usesSecureCookies(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [credentials, ...configuredOAuthProviders(env)],
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endUserSession(token.sid);
      },
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.type === "credentials") return true;
        const userId = await linkOAuthAccount(account, user, profile);
        if (!userId) return "/login?error=EmailNotVerified";
        user.id = userId;
        return true;
      },
      async jwt({ token, user, account }) {
        // On OAuth sign-in the profile id is the IdP's; the session must carry our user id.
        if (account && account.type !== "credentials") {
          token.sub = (await userIdForAccount(account.provider, account.providerAccountId)) ?? undefined;
        } else if (user) {
          token.sub = user.id;
        }
        // A new sign-in gets its own server-side session, which sign-out and revocation end.
        if (user && token.sub) token.sid = await startUserSession(token.sub);
        return token;
      },
      async session({ session, token }) {
        // /api/auth/session must not describe a session that was ended.
        const live = token.sub && typeof token.sid === "string" ? await loadSessionUser(token.sub, token.sid) : null;
        if (!live) return { expires: session.expires };
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** Built on first use, so importing this module (as `next build` does) needs no environment. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

/** Tests change the environment between suites. */
export function resetAuthOptions() {
  cached = undefined;
}
