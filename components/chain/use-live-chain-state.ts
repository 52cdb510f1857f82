"use client";

import { useMemo } from "react";
import type { ChainEntry } from "@/lib/client/api-types";
import { LIVE_REFRESH_MS, useResource } from "@/lib/client/use-resource";

/**
 * The router's view of each chain entry, polled while the tab is visible on its own URL, so a
 * poll never overwrites an order the owner is still saving; only the state badges follow it.
 */
export function useLiveChainState(entries: ChainEntry[] | undefined): ChainEntry[] | undefined {
  const live = useResource<{ entries: ChainEntry[] }>("/api/account/chain?live=1", { refreshMs: LIVE_REFRESH_MS * 2 });
  return useMemo(() => {
    const stateOf = new Map((live.data?.entries ?? []).map((entry) => [entry.providerId, entry]));
    return entries?.map((entry) => {
      const fresh = stateOf.get(entry.providerId);
      return fresh ? { ...entry, state: fresh.state, keyCount: fresh.keyCount } : entry;
    });
  }, [entries, live.data]);
}
