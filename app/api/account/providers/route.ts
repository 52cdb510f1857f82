import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { listProviderCatalog } from "@/lib/provider-keys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async () => respond(listProviderCatalog())),
});
