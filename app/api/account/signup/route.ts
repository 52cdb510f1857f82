import { signUp } from "@/lib/auth/sign-up";
import { respond, withSession } from "@/lib/api/with-session";

export const POST = withSession(async ({ request, json }) => respond(await signUp(await json(), request.headers), 201), { public: true });
