"use client";

import { useMemo } from "react";
import type { CatalogProvider } from "./api-types";
import { CACHE_PROVIDER, CACHE_PROVIDER_LABEL, isNoProvider, NO_PROVIDER_LABEL } from "./state-labels";
import { useResource } from "./use-resource";

/** The provider catalog plus a name lookup that falls back to the id. */
export function useCatalog() {
  const resource = useResource<CatalogProvider[]>("/api/account/providers");
  const byId = useMemo(() => new Map<string, CatalogProvider>((resource.data ?? []).map((provider) => [provider.id, provider])), [resource.data]);
  const nameOf = (id: string | null | undefined) =>
    isNoProvider(id) ? NO_PROVIDER_LABEL : id === CACHE_PROVIDER ? CACHE_PROVIDER_LABEL : id ? (byId.get(id)?.name ?? id) : "—";
  return { ...resource, byId, nameOf };
}
