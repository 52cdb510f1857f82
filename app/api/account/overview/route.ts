import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getOverview } from "@/lib/usage/queries-overview";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond(await getOverview(user.id))),
});
