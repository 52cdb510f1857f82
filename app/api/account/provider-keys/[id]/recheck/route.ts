import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { recheckProviderKey } from "@/lib/provider-keys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  POST: withSession<{ id: string }>(async ({ user, params }) => respond(await recheckProviderKey(user.id, params.id))),
});
