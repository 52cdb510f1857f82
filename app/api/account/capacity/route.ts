import { respond, withSession } from "@/lib/api/with-session";
import { getCapacity } from "@/lib/capacity";

export const GET = withSession(async ({ user }) => respond(await getCapacity(user.id)));
