import NextAuth from "next-auth";
import { getAuthOptions } from "./options";

type Res = { status: number; headers: Headers; body: BodyInit | null };

/** The few methods of a Node response next-auth's API handler calls, collected into a Response. */
function responseShim(out: Res) {
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    getHeader(name: string) {
      return name.toLowerCase() === "set-cookie" ? out.headers.getSetCookie() : (out.headers.get(name) ?? undefined);
    },
    setHeader(name: string, value: string | string[]) {
      out.headers.delete(name);
      for (const v of Array.isArray(value) ? value : [value]) out.headers.append(name, v);
      return res;
    },
    send(body: unknown) {
      out.body = typeof body === "string" ? body : JSON.stringify(body ?? null);
      if (typeof body !== "string" && !out.headers.has("content-type")) out.headers.set("content-type", "application/json");
    },
    json(body: unknown) {
      out.headers.set("content-type", "application/json");
      out.body = JSON.stringify(body);
    },
    end() {},
  };
  return res;
}

async function readBody(request: Request): Promise<Record<string, string> | undefined> {
  if (request.method !== "POST") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return (await request.json().catch(() => undefined)) as Record<string, string> | undefined;
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await request.text()));
  return undefined;
}

/**
 * next-auth's handler fed from this request's own headers: without PUBLIC_URL its callback and
 * redirect URLs name the Host the request came with. The app-router entry reads next/headers,
 * which cannot be told to drop a forwarded host nobody vouched for, hence the API-route entry.
 */
export async function handleNextAuth(request: Request, segments: string[]): Promise<Response> {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  // Only a trusted proxy's X-Forwarded-Host / -Proto may name the public origin (TRUST_PROXY).
  delete headers["x-forwarded-host"];
  headers["x-forwarded-proto"] = "http";
  const cookies = Object.fromEntries(
    (request.headers.get("cookie") ?? "")
      .split(";")
      .map((part) => part.trim().split(/=(.*)/s, 2))
      .filter(([name]) => name)
      .map(([name, value = ""]) => [name, decodeCookie(value)]),
  );
  const req = {
    method: request.method,
    headers,
    cookies,
    body: await readBody(request),
    query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
  };
  const out: Res = { status: 200, headers: new Headers(), body: null };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, responseShim(out), getAuthOptions());
  return new Response(out.body, { status: out.status, headers: out.headers });
}

/** A cookie value with a malformed percent-encoding is kept as sent (next-auth then ignores it). */
function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
