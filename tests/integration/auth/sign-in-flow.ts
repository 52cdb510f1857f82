import { NextRequest } from "next/server";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { CookieJar } from "./cookie-jar";
import { withRequest } from "./next-headers-shim";

export const APP = "http://localhost:3001";

/** One request to next-auth's route handler, as the browser would send it. */
export async function auth(jar: CookieJar, path: string, form?: Record<string, string>, ip = "198.51.100.1") {
  const url = new URL(path, APP);
  const headers: Record<string, string> = { cookie: jar.header(), "x-forwarded-for": ip };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const request = new NextRequest(url, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
  const response = await withRequest(request, () => (form ? authPost : authGet)(request, { params: Promise.resolve({ nextauth }) }));
  jar.store(response);
  return response;
}

/** The credentials flow: CSRF token, then the callback; the jar holds the session cookie. */
export async function signIn(email: string, password: string, ip?: string) {
  const jar = new CookieJar();
  const { csrfToken } = (await (await auth(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await auth(jar, "/api/auth/callback/credentials", { csrfToken, email, password, json: "true" }, ip);
  return { jar, url: ((await response.json()) as { url: string }).url };
}

/** next-auth's sign-out, with the CSRF token of the same jar. */
export async function signOut(jar: CookieJar) {
  const { csrfToken } = (await (await auth(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
  return auth(jar, "/api/auth/signout", { csrfToken, json: "true" });
}
