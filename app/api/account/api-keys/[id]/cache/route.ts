import { responseCacheSettingSchema, setApiKeyResponseCache } from "@/lib/api-keys";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  /** The key's response-cache switch: `{ enabled: boolean }`. */
  PUT: withSession<{ id: string }>(async ({ user, params, json }) => {
    const { enabled } = responseCacheSettingSchema.parse(await json());
    return respond({ key: await setApiKeyResponseCache(user.id, params.id, enabled) });
  }),
});
