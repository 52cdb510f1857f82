import { signUp } from "@/lib/auth/sign-up";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { createUserSchema } from "@/lib/users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  POST: withSession(async ({ request, json }) => respond(await signUp(createUserSchema.parse(await json()), request.headers), 201), {
    public: true,
  }),
});
