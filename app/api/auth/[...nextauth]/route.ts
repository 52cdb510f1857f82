import { randomUUID } from "node:crypto";
import { errorResponse } from "@/lib/api/json-error";
import { handleNextAuth } from "@/lib/auth/next-auth-handler";
import { AppError } from "@/lib/errors";

// The options read the environment, so they are built on the first request, not at import.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  try {
    return await handleNextAuth(request, (await context.params).nextauth);
  } catch (error) {
    // next-auth's own failures are its pages and redirects; what it throws is answered in JSON.
    // It parses a JSON-typed body itself: a body that is not JSON is the client's mistake.
    const mapped = error instanceof SyntaxError ? new AppError("invalid_json", "The body is not valid JSON") : error;
    return errorResponse(mapped, `req_${randomUUID().replaceAll("-", "")}`);
  }
}

export { handler as GET, handler as POST };
