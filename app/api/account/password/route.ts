import { changePasswordEndingOtherSessions } from "@/lib/account/account-sessions";
import { respond, withSession } from "@/lib/api/with-session";

export const PATCH = withSession(async ({ user, sessionId, json }) => {
  await changePasswordEndingOtherSessions(user.id, sessionId, await json());
  return respond(null);
});
