import { respond, withSession } from "@/lib/api/with-session";
import { getChain, setChain, setChainSchema } from "@/lib/chain";

export const GET = withSession(async ({ user }) => respond({ entries: await getChain(user.id) }));

export const PUT = withSession(async ({ user, json }) => {
  const body = setChainSchema.parse(await json());
  return respond({ entries: await setChain(user.id, body.entries) });
});
