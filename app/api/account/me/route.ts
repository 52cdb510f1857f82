import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getProfile } from "@/lib/users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond(await getProfile(user.id))),
});
