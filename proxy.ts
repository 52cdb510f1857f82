import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/json-error";
import { surfaceForPath } from "@/lib/api/api-surface";
import { AppError } from "@/lib/errors";

/**
 * Next.js fails to decode a malformed percent-encoding (`%ZZ`, `%E0%A4%A`) in a dynamic
 * segment before any route handler runs, and answers with its own page. This answers such API
 * paths in their surface's JSON envelope instead; the matcher keeps every other request away.
 */
export function proxy(request: NextRequest) {
  const pathname = new URL(request.url).pathname;
  if (decodes(pathname)) return NextResponse.next();
  const requestId = `req_${crypto.randomUUID().replaceAll("-", "")}`;
  const error = new AppError("invalid_request", "The path has a malformed percent-encoding", "path");
  if (/^\/(api\/)?v1(\/|$)/.test(pathname)) return surfaceForPath(pathname).errorResponse(error, requestId);
  if (pathname.startsWith("/api/")) return errorResponse(error, requestId);
  return NextResponse.next();
}

function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Only paths with a `%` that does not encode an ASCII byte: every well-formed API call skips this.
  matcher: ["/((?:.*)%(?![0-7][0-9A-Fa-f]).*)"],
};
