import { revokeApiKey, updateApiKeyLimits, updateApiKeyLimitsSchema } from "@/lib/api-keys";
import { respond, withSession } from "@/lib/api/with-session";

export const PATCH = withSession<{ id: string }>(async ({ user, params, json }) =>
  respond({ key: await updateApiKeyLimits(user.id, params.id, updateApiKeyLimitsSchema.parse(await json())) }),
);

export const DELETE = withSession<{ id: string }>(async ({ user, params }) => respond({ key: await revokeApiKey(user.id, { id: params.id }) }));
