import { listAuthProviders } from "@/lib/auth/oauth-providers";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async () => respond(listAuthProviders()), { public: true }),
});
