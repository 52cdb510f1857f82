import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getDailyUsage } from "@/lib/usage/queries";
import { usageQuerySchema } from "@/lib/usage/schemas";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user, query }) => respond(await getDailyUsage(user.id, usageQuerySchema.parse(query())))),
});
