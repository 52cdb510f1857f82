import NextAuth from "next-auth";
import { getAuthOptions, withRequestOrigin } from "@/lib/auth/options";

// The options read the environment, so they are built on the first request, not at import.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const options = getAuthOptions();
  return NextAuth(options)(withRequestOrigin(request), context) as Promise<Response>;
}

export { handler as GET, handler as POST };
