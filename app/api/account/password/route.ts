import { changePasswordEndingOtherSessions } from "@/lib/account/account-sessions";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { changePasswordSchema } from "@/lib/users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  PATCH: withSession(async ({ user, sessionId, json }) => {
    await changePasswordEndingOtherSessions(user.id, sessionId, changePasswordSchema.parse(await json()));
    return respond(null);
  }),
});
