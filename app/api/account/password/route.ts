import { changePasswordEndingOtherSessions } from "@/lib/account/account-sessions";
import { respond, withSession } from "@/lib/api/with-session";
import { changePasswordSchema } from "@/lib/users";

export const PATCH = withSession(async ({ user, sessionId, json }) => {
  await changePasswordEndingOtherSessions(user.id, sessionId, changePasswordSchema.parse(await json()));
  return respond(null);
});
