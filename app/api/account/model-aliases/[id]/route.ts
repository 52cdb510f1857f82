import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { removeModelAlias } from "@/lib/model-aliases";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  DELETE: withSession<{ id: string }>(async ({ user, params }) => {
    await removeModelAlias(user.id, { id: params.id });
    return respond(null);
  }),
});
