import { respond, withSession } from "@/lib/api/with-session";
import { deleteProviderKey } from "@/lib/provider-keys";

export const DELETE = withSession<{ id: string }>(async ({ user, params }) => {
  await deleteProviderKey(user.id, params.id);
  return respond(null);
});
