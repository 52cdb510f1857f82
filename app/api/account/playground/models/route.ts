import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { listModelsFor } from "@/lib/gateway/list-models";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond(await listModelsFor(user.id))),
});
