import { respond, withSession } from "@/lib/api/with-session";
import { addProviderKey, addProviderKeySchema, listProviderKeys } from "@/lib/provider-keys";

export const GET = withSession(async ({ user }) => respond({ keys: await listProviderKeys(user.id) }));

export const POST = withSession(async ({ user, json }) => {
  const body = addProviderKeySchema.parse(await json());
  return respond(await addProviderKey(user.id, body), 201);
});
