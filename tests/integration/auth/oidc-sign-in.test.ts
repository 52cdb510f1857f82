import { once } from "node:events";
import type { Server } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as authProvidersRoute } from "@/app/api/account/auth-providers/route";
import { GET as getMe } from "@/app/api/account/me/route";
import { resetAuthOptions } from "@/lib/auth/options";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { CookieJar } from "./cookie-jar";
import { installNextHeadersShim, withRequest } from "./next-headers-shim";

const APP = "http://localhost:3001";
const CLIENT = { id: "freellmapi-test", secret: "s3cret-s3cret-s3cret-s3cret" };

let idp: Server;
let issuer: string;
const accounts = new Map<string, { email: string; email_verified: boolean; name: string }>();

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  installNextHeadersShim();
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${APP}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // next-auth reads the profile from the ID token (idToken: true), as Keycloak, Auth0 or Dex send it.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) }),
  });
  idp = provider.listen(port, "127.0.0.1");
  await once(idp, "listening");
  Object.assign(process.env, { NEXTAUTH_URL: APP, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_NAME: "Test IdP" });
  resetEnvCache();
  resetAuthOptions();
});

afterAll(async () => {
  for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) delete process.env[name];
  resetEnvCache();
  resetAuthOptions();
  await new Promise((resolve) => idp.close(resolve));
});

/** Calls next-auth's route handler in process, as Next.js would for `/api/auth/...`. */
async function app(jar: CookieJar, path: string, init: { method?: string; form?: Record<string, string> } = {}) {
  const url = new URL(path, APP);
  const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
  const headers: Record<string, string> = { cookie: jar.header(), host: url.host };
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  const request = new NextRequest(url, { method: init.method ?? "GET", headers, body });
  const handler = request.method === "POST" ? authPost : authGet;
  const response = await withRequest(request, () => handler(request, { params: Promise.resolve({ nextauth }) }));
  jar.store(response);
  return response;
}

/** Fetches from the IdP without following redirects, keeping its cookies. */
async function idpFetch(jar: CookieJar, url: string, form?: Record<string, string>) {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: { cookie: jar.header(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.store(response);
  return response;
}

/** Follows IdP redirects, answering the login and consent prompts, until it sends us back to the app. */
async function authorizeAtIdp(jar: CookieJar, authorizeUrl: string, login: string): Promise<string> {
  let location = authorizeUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (location.startsWith(APP)) return location;
    const url = new URL(location, issuer).toString();
    const response = await idpFetch(jar, url);
    if (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get("location")!, url).toString();
      continue;
    }
    const html = await response.text();
    expect(response.status, html.slice(0, 500)).toBe(200);
    const prompt: Record<string, string> = html.includes('name="login"') ? { prompt: "login", login, password: "any" } : { prompt: "consent" };
    const submitted = await idpFetch(jar, url, prompt);
    expect(submitted.status).toBeGreaterThanOrEqual(300);
    location = new URL(submitted.headers.get("location")!, url).toString();
  }
  throw new Error("The IdP did not redirect back to the app");
}

async function signInWithOidc(login: string) {
  const appJar = new CookieJar();
  const idpJar = new CookieJar();
  const { csrfToken } = (await (await app(appJar, "/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await app(appJar, "/api/auth/signin/oidc", { method: "POST", form: { csrfToken, callbackUrl: `${APP}/dashboard`, json: "true" } });
  const { url: authorizeUrl } = (await start.json()) as { url: string };
  expect(authorizeUrl.startsWith(`${issuer}/auth?`)).toBe(true);
  const authorize = new URL(authorizeUrl);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  const callback = await authorizeAtIdp(idpJar, authorizeUrl, login);
  const done = await app(appJar, callback.slice(APP.length));
  return { jar: appJar, done };
}

describe("OpenID Connect sign-in", () => {
  it("is offered on the login page when configured", async () => {
    const res = await authProvidersRoute(new Request(`${APP}/api/account/auth-providers`), { params: Promise.resolve({}) });
    expect((await res.json()).oidc).toEqual({ name: "Test IdP" });
  });

  it("creates the user for a verified email, records the Account and starts a session", async () => {
    const email = `oidc-${Date.now()}@example.test`;
    accounts.set("idp-user-1", { email: email.toUpperCase(), email_verified: true, name: "Olga" });
    const { jar, done } = await signInWithOidc("idp-user-1");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`${APP}/dashboard`);
    expect(jar.get("next-auth.session-token")).toBeTruthy();

    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
    expect(user).toMatchObject({ name: "Olga", passwordHash: null });
    expect(user.emailVerified).not.toBeNull();
    expect(user.accounts).toEqual([expect.objectContaining({ provider: "oidc", providerAccountId: "idp-user-1", type: "oauth" })]);
    expect(user.accounts[0].id_token).toBeTruthy();

    const me = await getMe(new Request(`${APP}/api/account/me`, { headers: { cookie: jar.header() } }), { params: Promise.resolve({}) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: user.id, email, hasPassword: false });

    // Signing in again reuses the same user and Account row.
    const again = await signInWithOidc("idp-user-1");
    expect(again.done.status).toBe(302);
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(1);
  });

  it("links to an existing user with the same verified email", async () => {
    const existing = await prisma.user.create({ data: { email: `linked-${Date.now()}@example.test`, passwordHash: "scrypt$x" } });
    accounts.set("idp-user-2", { email: existing.email, email_verified: true, name: "Lin" });
    const { done } = await signInWithOidc("idp-user-2");
    expect(done.status).toBe(302);
    expect(await prisma.account.findMany({ where: { userId: existing.id }, select: { provider: true, providerAccountId: true } })).toEqual([
      { provider: "oidc", providerAccountId: "idp-user-2" },
    ]);
  });

  it("refuses an unverified email without creating or linking anything", async () => {
    const victim = await prisma.user.create({ data: { email: `victim-${Date.now()}@example.test` } });
    accounts.set("idp-user-3", { email: victim.email, email_verified: false, name: "Mallory" });
    const { jar, done } = await signInWithOidc("idp-user-3");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toContain("/login?error=EmailNotVerified");
    expect(jar.get("next-auth.session-token")).toBeUndefined();
    expect(await prisma.account.count({ where: { providerAccountId: "idp-user-3" } })).toBe(0);
  });
});
