import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { addProviderKey, addProviderKeySchema, listProviderKeys } from "@/lib/provider-keys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond({ keys: await listProviderKeys(user.id) })),
  POST: withSession(async ({ user, json }) => {
    const body = addProviderKeySchema.parse(await json());
    return respond(await addProviderKey(user.id, body), 201);
  }),
});
