import { signOutEverywhereElse } from "@/lib/account/account-sessions";
import { respond, withSession } from "@/lib/api/with-session";

/** Ends every other session of the account ("Sign out everywhere" in Settings). */
export const DELETE = withSession(async ({ user, sessionId }) => respond(await signOutEverywhereElse(user.id, sessionId)));
