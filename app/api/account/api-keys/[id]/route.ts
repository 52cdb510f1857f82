import { revokeApiKey, updateApiKeyLimits, updateApiKeyLimitsSchema } from "@/lib/api-keys";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  PATCH: withSession<{ id: string }>(async ({ user, params, json }) =>
    respond({ key: await updateApiKeyLimits(user.id, params.id, updateApiKeyLimitsSchema.parse(await json())) }),
  ),
  DELETE: withSession<{ id: string }>(async ({ user, params }) => respond({ key: await revokeApiKey(user.id, { id: params.id }) })),
});
