import { revokeApiKey } from "@/lib/api-keys";
import { respond, withSession } from "@/lib/api/with-session";

export const DELETE = withSession<{ id: string }>(async ({ user, params }) => respond({ key: await revokeApiKey(user.id, { id: params.id }) }));
