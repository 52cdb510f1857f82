import { endOtherUserSessions } from "@/lib/auth/user-sessions";
import { changePassword, type ChangePasswordData } from "@/lib/users";

/** A new password ends every other session of the account; the browser that changed it stays in. */
export async function changePasswordEndingOtherSessions(userId: string, sessionId: string, data: ChangePasswordData) {
  await changePassword(userId, data);
  await endOtherUserSessions(userId, sessionId);
}

/** Settings' "Sign out everywhere": every session of the account but the one asking. */
export async function signOutEverywhereElse(userId: string, sessionId: string) {
  return { ended: await endOtherUserSessions(userId, sessionId) };
}
