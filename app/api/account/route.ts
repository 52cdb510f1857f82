import { deleteAccount } from "@/lib/account/delete-account";
import { respond, withSession } from "@/lib/api/with-session";

export const DELETE = withSession(async ({ user, json }) => {
  await deleteAccount(user.id, (await json()) as { confirmEmail?: unknown });
  return respond(null);
});
