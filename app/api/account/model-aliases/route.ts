import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { listModelAliases, setModelAlias, setModelAliasSchema } from "@/lib/model-aliases";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond({ aliases: await listModelAliases(user.id) })),
  // Create or replace: one alias per name in each scope (the account, or one unified key).
  PUT: withSession(async ({ user, json }) => {
    const body = setModelAliasSchema.parse(await json());
    return respond({ alias: await setModelAlias(user.id, body) });
  }),
});
