import { handleNextAuth } from "@/lib/auth/next-auth-handler";

// The options read the environment, so they are built on the first request, not at import.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return handleNextAuth(request, (await context.params).nextauth);
}

export { handler as GET, handler as POST };
