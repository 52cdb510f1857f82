import { signOutEverywhereElse } from "@/lib/account/account-sessions";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  /** Ends every other session of the account ("Sign out everywhere" in Settings). */
  DELETE: withSession(async ({ user, sessionId }) => respond(await signOutEverywhereElse(user.id, sessionId))),
});
