import { respond, withSession } from "@/lib/api/with-session";
import { changePassword, changePasswordSchema } from "@/lib/users";

export const PATCH = withSession(async ({ user, json }) => {
  const body = changePasswordSchema.parse(await json());
  await changePassword(user.id, body.currentPassword, body.newPassword);
  return respond(null);
});
