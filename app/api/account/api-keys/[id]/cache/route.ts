import { responseCacheSettingSchema, setApiKeyResponseCache } from "@/lib/api-keys";
import { respond, withSession } from "@/lib/api/with-session";

/** The key's response-cache switch: `{ enabled: boolean }`. */
export const PUT = withSession<{ id: string }>(async ({ user, params, json }) => {
  const { enabled } = responseCacheSettingSchema.parse(await json());
  return respond({ key: await setApiKeyResponseCache(user.id, params.id, enabled) });
});
