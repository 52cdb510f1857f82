import { endOtherUserSessions } from "@/lib/auth/user-sessions";
import { changePassword, changePasswordSchema } from "@/lib/users";

/** A new password ends every other session of the account; the browser that changed it stays in. */
export async function changePasswordEndingOtherSessions(userId: string, sessionId: string, input: unknown) {
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  await changePassword(userId, currentPassword, newPassword);
  await endOtherUserSessions(userId, sessionId);
}

/** Settings' "Sign out everywhere": every session of the account but the one asking. */
export async function signOutEverywhereElse(userId: string, sessionId: string) {
  return { ended: await endOtherUserSessions(userId, sessionId) };
}
