import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as getMe } from "@/app/api/account/me/route";
import { createUser } from "@/lib/users";
import { CookieJar } from "./cookie-jar";
import { installNextHeadersShim, withRequest } from "./next-headers-shim";

const APP = "http://localhost:3001";

beforeAll(() => {
  installNextHeadersShim();
  process.env.NEXTAUTH_URL = APP;
});

async function auth(jar: CookieJar, path: string, form?: Record<string, string>, ip = "198.51.100.1") {
  const url = new URL(path, APP);
  const headers: Record<string, string> = { cookie: jar.header(), "x-forwarded-for": ip };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const request = new NextRequest(url, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
  const response = await withRequest(request, () => (form ? authPost : authGet)(request, { params: Promise.resolve({ nextauth }) }));
  jar.store(response);
  return response;
}

async function signIn(email: string, password: string, ip?: string) {
  const jar = new CookieJar();
  const { csrfToken } = (await (await auth(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await auth(jar, "/api/auth/callback/credentials", { csrfToken, email, password, json: "true" }, ip);
  return { jar, url: ((await response.json()) as { url: string }).url };
}

describe("email and password sign-in", () => {
  it("starts a session that the account API accepts", async () => {
    const email = `cred-${Date.now()}@example.test`;
    const user = await createUser({ email, password: "good password" });
    const { jar, url } = await signIn(email.toUpperCase(), "good password");
    expect(url).not.toContain("error");
    expect(jar.get("next-auth.session-token")).toBeTruthy();
    const me = await getMe(new Request(`${APP}/api/account/me`, { headers: { cookie: jar.header() } }), { params: Promise.resolve({}) });
    expect((await me.json()).id).toBe(user.id);
  });

  it("answers the same generic error for a wrong password and an unknown email", async () => {
    const email = `cred2-${Date.now()}@example.test`;
    await createUser({ email, password: "good password" });
    const wrong = await signIn(email, "bad password");
    const unknown = await signIn(`nobody-${Date.now()}@example.test`, "bad password");
    const errorOf = (url: string) => new URL(url).searchParams.get("error");
    expect(errorOf(wrong.url)).toBe("Invalid email or password");
    expect(errorOf(unknown.url)).toBe(errorOf(wrong.url));
    expect(wrong.jar.get("next-auth.session-token")).toBeUndefined();
  });

  it("limits attempts per email and address, even with the right password afterwards", async () => {
    const email = `cred3-${Date.now()}@example.test`;
    await createUser({ email, password: "good password" });
    for (let i = 0; i < 10; i++) await signIn(email, `wrong ${i}`, "198.51.100.9");
    const blocked = await signIn(email, "good password", "198.51.100.9");
    expect(new URL(blocked.url).searchParams.get("error")).toMatch(/Too many sign-in attempts/);
    // Another address is not affected.
    const other = await signIn(email, "good password", "198.51.100.10");
    expect(other.jar.get("next-auth.session-token")).toBeTruthy();
  });

  it("caps guesses on one account even when every attempt claims a new address", async () => {
    const email = `cred4-${Date.now()}@example.test`;
    await createUser({ email, password: "good password" });
    // X-Forwarded-For is whatever the client sends when no proxy is in front.
    for (let i = 0; i < 30; i++) await signIn(email, `wrong ${i}`, `203.0.113.${i + 1}`);
    const blocked = await signIn(email, "good password", "203.0.113.200");
    expect(new URL(blocked.url).searchParams.get("error")).toMatch(/Too many sign-in attempts/);
  });
});
