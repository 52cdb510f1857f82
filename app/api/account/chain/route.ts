import { accountRoutes, respond, withSession } from "@/lib/api/with-session";
import { getChain, setChain, setChainSchema } from "@/lib/chain";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = accountRoutes({
  GET: withSession(async ({ user }) => respond({ entries: await getChain(user.id) })),
  PUT: withSession(async ({ user, json }) => {
    const body = setChainSchema.parse(await json());
    return respond({ entries: await setChain(user.id, body.entries) });
  }),
});
