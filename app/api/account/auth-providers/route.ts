import { listAuthProviders } from "@/lib/auth/oauth-providers";
import { respond, withSession } from "@/lib/api/with-session";

export const GET = withSession(async () => respond(listAuthProviders()), { public: true });
