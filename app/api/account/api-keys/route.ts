import { createApiKey, createApiKeySchema, listApiKeys } from "@/lib/api-keys";
import { accountRoutes, respond, withSession } from "@/lib/api/with-session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond({ keys: await listApiKeys(user.id) })),
  POST: withSession(async ({ user, json }) => {
    const body = createApiKeySchema.parse(await json());
    const { apiKey, plaintext } = await createApiKey(user.id, body);
    return respond({ key: apiKey, plaintext }, 201);
  }),
});
