import { AppError } from "@/lib/errors";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * CSRF guard for cookie-authenticated mutations: browsers always send `Origin` on these
 * methods, so it must name this app (the Host the request came to, PUBLIC_URL or
 * NEXTAUTH_URL). A missing Origin or `Sec-Fetch-Site: cross-site` is refused as well.
 */
export function assertSameOrigin(request: Request) {
  if (!MUTATIONS.has(request.method.toUpperCase())) return;
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
  const origin = request.headers.get("origin");
  const originHost = origin && origin !== "null" ? hostOf(origin) : null;
  if (!originHost) throw new AppError("forbidden", "The Origin header is missing; requests must come from this app");
  const allowed = new Set(
    [
      request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
      request.headers.get("host"),
      hostOf(request.url),
      hostOf(process.env.PUBLIC_URL),
      hostOf(process.env.NEXTAUTH_URL),
    ].filter((host): host is string => Boolean(host)),
  );
  if (!allowed.has(originHost)) throw new AppError("forbidden", "Cross-origin requests are not allowed");
}
