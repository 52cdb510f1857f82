import { surfaceForPath } from "@/lib/api/api-surface";
import { preflightResponse } from "@/lib/api/cors";
import { refuse } from "@/lib/api/v1-routes";
import { AppError } from "@/lib/errors";

// Any /v1 path no route serves: a JSON 404 in the envelope its clients parse, never Next's HTML page.
async function notFound(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const path = pathname.replace(/^\/api\/v1/, "/v1");
  return refuse(
    surfaceForPath(pathname),
    request,
    new AppError("not_found", `Unknown endpoint ${request.method} ${path}. See /v1/models for what this gateway serves.`),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = async (request: Request) => preflightResponse(request, ["GET", "POST"]);
