import { AppError } from "@/lib/errors";
import { ATTEMPT_LIMITS, clientAddress, getAttemptLimiter } from "@/lib/limits";
import { createUser, type CreateUserData } from "@/lib/users";

/** Public sign-up, limited per client address and per deployment so nobody can mass-create accounts. */
export async function signUp(data: CreateUserData, headers: Headers) {
  const limit = await getAttemptLimiter().takeAll([
    [ATTEMPT_LIMITS.signUpAddress, clientAddress(headers)],
    [ATTEMPT_LIMITS.signUpAll, "all"],
  ]);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterMs / 60_000);
    throw new AppError("rate_limit_exceeded", `Too many sign-ups from this address. Try again in ${minutes} minute(s).`);
  }
  const user = await createUser(data);
  return { id: user.id, email: user.email };
}
