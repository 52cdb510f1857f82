// Shapes of the dashboard JSON API (/api/account/**), as the browser sees them: the server's own
// view types through JSON. Type-only imports, so no server code reaches the client bundle.
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import type { ChainEntryView } from "@/lib/chain/chain";
import type { ModelAliasView } from "@/lib/model-aliases/model-aliases";
import type { CatalogProviderView } from "@/lib/provider-keys/provider-catalog";
import type { ProviderKeyView } from "@/lib/provider-keys/provider-key-view";
import type { AttentionKind, OverviewView } from "@/lib/usage/queries-overview";
import type { DailyUsageView, RequestsPageView } from "@/lib/usage/queries";
import type { ProfileView } from "@/lib/users/users";

/** A server value after `Response.json`: dates arrive as ISO strings. */
export type Json<T> = T extends Date ? string : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type Me = Json<ProfileView>;

export interface AuthProviders {
  credentials: boolean;
  github: boolean;
  google: boolean;
  oidc: { name: string } | null;
}

export type CatalogProvider = Json<CatalogProviderView>;
export type CatalogModel = CatalogProvider["models"][number];

export type ProviderKey = Json<ProviderKeyView>;
export type ProviderKeyStatus = ProviderKey["status"];

export type ChainEntry = Json<ChainEntryView>;
export type ChainStatus = ChainEntry["state"]["status"];

/** `usedThisMonth` is absent on a key just created or edited. */
export type ApiKey = Json<Omit<ApiKeyView, "usedThisMonth"> & Partial<Pick<ApiKeyView, "usedThisMonth">>>;

export type Usage = Json<DailyUsageView>;
export type UsageDay = Usage["days"][number];
export type UsageRow = Usage["rows"][number];
export type UsageTotals = Usage["totals"];

export interface Attempt {
  provider: string;
  model: string;
  keyId: string | null;
  outcome: string;
  status: number | null;
  ms: number | null;
}

/** `attempts` is a JSON column: the recorder writes these. */
export type RequestLogItem = Omit<Json<RequestsPageView["items"][number]>, "attempts"> & { attempts: Attempt[] };

export type { AttentionKind };

export type Overview = Json<OverviewView>;

export type { Capacity, CapacityWindow } from "@/lib/capacity";

export type ModelAlias = Json<ModelAliasView>;
