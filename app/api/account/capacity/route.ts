import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getCapacity } from "@/lib/capacity";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond(await getCapacity(user.id))),
});
