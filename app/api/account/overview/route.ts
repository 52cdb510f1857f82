import { respond, withSession } from "@/lib/api/with-session";
import { getOverview } from "@/lib/usage/queries-overview";

export const GET = withSession(async ({ user }) => respond(await getOverview(user.id)));
