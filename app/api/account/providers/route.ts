import { respond, withSession } from "@/lib/api/with-session";
import { listProviderCatalog } from "@/lib/provider-keys";

export const GET = withSession(async () => respond(listProviderCatalog()));
