import { deleteAccount } from "@/lib/account/delete-account";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { deleteAccountSchema } from "@/lib/users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  DELETE: withSession(async ({ user, json }) => {
    await deleteAccount(user.id, deleteAccountSchema.parse(await json()));
    return respond(null);
  }),
});
