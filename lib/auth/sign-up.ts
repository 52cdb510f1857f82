import { AppError } from "@/lib/errors";
import { createUser, createUserSchema } from "@/lib/users";
import { clientIp, signUpGlobalLimiter, signUpLimiter } from "./attempt-limiter";

/** Public sign-up, limited per client address so one caller cannot mass-create accounts. */
export async function signUp(input: unknown, headers: Headers) {
  const data = createUserSchema.parse(input);
  let limit = signUpLimiter.take(clientIp(headers));
  if (limit.allowed) limit = signUpGlobalLimiter.take("all");
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterMs / 60_000);
    throw new AppError("rate_limit_exceeded", `Too many sign-ups from this address. Try again in ${minutes} minute(s).`);
  }
  const user = await createUser(data);
  return { id: user.id, email: user.email };
}
