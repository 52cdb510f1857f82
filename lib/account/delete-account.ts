import { forgetApiKey } from "@/lib/api-keys";
import { forgetUserSessions } from "@/lib/auth/user-sessions";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { deleteUser, type DeleteAccountData } from "@/lib/users";

/**
 * Deletes the account and everything it owns. The typed email guards against a wrong tab;
 * cached unified keys and sessions are dropped at once so they stop working on this instance immediately.
 */
export async function deleteAccount(userId: string, { confirmEmail }: DeleteAccountData) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new AppError("not_found", "User not found");
  if (confirmEmail !== user.email) throw new AppError("invalid_request", "The email does not match this account", "confirmEmail");
  const keys = await prisma.apiKey.findMany({ where: { userId }, select: { id: true, hash: true } });
  await deleteUser(userId);
  // Its sessions went with it (cascade); this instance stops honouring them at once too.
  forgetUserSessions(userId);
  for (const key of keys) forgetApiKey(key);
}
