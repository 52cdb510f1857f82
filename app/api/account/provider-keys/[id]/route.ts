import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { deleteProviderKey } from "@/lib/provider-keys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  DELETE: withSession<{ id: string }>(async ({ user, params }) => {
    await deleteProviderKey(user.id, params.id);
    return respond(null);
  }),
});
