import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getRecentRequests } from "@/lib/usage/queries";
import { requestsQuerySchema } from "@/lib/usage/schemas";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user, query }) => respond(await getRecentRequests(user.id, requestsQuerySchema.parse(query())))),
});
