import type { Provider } from "next-auth/providers/index";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv, type Env } from "@/lib/env";

export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  picture?: string;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/** GitHub's profile email may be unverified; link accounts only by the primary verified one. */
const githubUserinfo = {
  url: "https://api.github.com/user",
  async request({ tokens }: { tokens: { access_token?: string } }) {
    const headers = { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.github+json" };
    const profile = (await (await fetch("https://api.github.com/user", { headers })).json()) as Record<string, unknown>;
    const response = await fetch("https://api.github.com/user/emails", { headers });
    const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
    profile.email = emails.find((e) => e.primary && e.verified)?.email ?? null;
    return profile;
  },
};

export function oidcProvider(env: Env): OAuthConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const issuer = env.OIDC_ISSUER.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null, image: profile.picture ?? null }),
  };
}

/** The OAuth providers whose credentials are configured; the others are left out entirely. */
export function configuredOAuthProviders(env: Env = getEnv()): Provider[] {
  const providers: Provider[] = [];
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET, userinfo: githubUserinfo }));
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  const oidc = oidcProvider(env);
  if (oidc) providers.push(oidc);
  return providers;
}

/** What the login page shows buttons for. */
export function listAuthProviders(env: Env = getEnv()) {
  const oidc = oidcProvider(env);
  return {
    credentials: true,
    github: Boolean(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET),
    google: Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET),
    oidc: oidc ? { name: oidc.name } : null,
  };
}
