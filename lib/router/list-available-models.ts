import { PROVIDERS } from "@/lib/providers/catalog";
import type { ProviderId } from "@/lib/providers/types";
import { activeKeysInChainOrder } from "./active-keys";
import { META_MODELS } from "./resolve-requested-model";
import type { ChainEntry, ProviderKey } from "./types";

export interface ModelListItem {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

// Catalog entries carry no creation date; a fixed one keeps the list stable between calls.
const CREATED = 1_767_225_600;

/** GET /v1/models: the meta-models, then every `provider/model` the caller's active keys reach. */
export function listAvailableModels(chain: readonly ChainEntry[], keys: readonly ProviderKey[]): { object: "list"; data: ModelListItem[] } {
  const data: ModelListItem[] = META_MODELS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "freellmapi" }));
  const seen = new Set<string>();
  for (const [providerId, providerKeys] of activeKeysInChainOrder(chain, keys)) {
    const ids = [
      ...chain.filter((e) => e.providerId === providerId && e.pinnedModel).map((e) => e.pinnedModel!),
      ...providerKeys.flatMap((k) => k.models ?? catalogIds(providerId)),
      ...PROVIDERS[providerId].embeddingModels.map((m) => m.id),
    ];
    for (const model of ids) {
      const id = `${providerId}/${model}`;
      if (seen.has(id)) continue;
      seen.add(id);
      data.push({ id, object: "model", created: CREATED, owned_by: providerId });
    }
  }
  return { object: "list", data };
}

function catalogIds(providerId: ProviderId): string[] {
  return PROVIDERS[providerId].models.map((m) => m.id);
}
