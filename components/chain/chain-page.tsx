"use client";

import Link from "next/link";
import { useCallback, useRef } from "react";
import { toast } from "sonner";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ChainIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { ChainEntry } from "@/lib/client/api-types";
import { useResource } from "@/lib/client/use-resource";
import { useLiveChainState } from "./use-live-chain-state";
import { SortableChain } from "./sortable-chain";

type Chain = { entries: ChainEntry[] };

export function ChainPage() {
  const chain = useResource<Chain>("/api/account/chain");
  const saved = chain.data?.entries;
  const entries = useLiveChainState(saved);
  // Saves run one after another so the last change always wins on the server.
  const queue = useRef(Promise.resolve());
  const latest = useRef(0);

  // Only chat models the keys serve can be pinned; the server works that out per entry.
  const modelsFor = useCallback((providerId: string) => entries?.find((entry) => entry.providerId === providerId)?.pinnableModels ?? [], [entries]);

  function save(next: ChainEntry[], message: string) {
    const previous = saved ?? [];
    const ticket = ++latest.current;
    chain.mutate({ entries: next.map((entry, position) => ({ ...entry, position })) });
    const body = { entries: next.map(({ providerId, pinnedModel, enabled }) => ({ providerId, pinnedModel, enabled })) };
    queue.current = queue.current.then(async () => {
      try {
        const saved = await apiFetch<Chain>("/api/account/chain", { method: "PUT", body });
        if (ticket === latest.current) chain.mutate(saved);
        toast.success(message, { id: "chain-saved" });
      } catch (caught) {
        if (ticket === latest.current) chain.mutate({ entries: previous });
        toast.error("Could not save the chain", { id: "chain-saved", description: errorMessage(caught) });
      }
    });
  }

  function change(providerId: string, patch: Partial<Pick<ChainEntry, "enabled" | "pinnedModel">>) {
    if (!entries) return;
    const entry = entries.find((item) => item.providerId === providerId);
    const message =
      patch.enabled !== undefined
        ? `${entry?.providerName} ${patch.enabled ? "enabled" : "skipped"}`
        : `${entry?.providerName} ${patch.pinnedModel ? `pinned to ${patch.pinnedModel}` : "uses any model"}`;
    save(
      entries.map((item) => (item.providerId === providerId ? { ...item, ...patch } : item)),
      message,
    );
  }

  return (
    <>
      <PageHeader
        title="Fallback chain"
        description="The gateway tries your providers from top to bottom and moves on when one is rate limited, out of quota or failing. Changes save automatically."
      />
      {chain.error && !entries ? (
        <ErrorState error={chain.error} onRetry={chain.reload} className="rounded-xl border border-zinc-200 dark:border-zinc-800" />
      ) : !entries ? (
        <Card aria-label="Loading the chain">
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" role="status" aria-label="Loading">
            {[0, 1, 2].map((row) => (
              <li key={row} className="flex items-center gap-3 px-5 py-3.5">
                <Skeleton className="size-8" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-5 w-40" />
                  <Skeleton className="h-3.5 w-56" />
                </div>
                <Skeleton className="hidden h-9 w-56 sm:block" />
              </li>
            ))}
          </ul>
        </Card>
      ) : entries.length === 0 ? (
        <Card>
          <EmptyState
            icon={<ChainIcon className="size-5" />}
            title="Your chain is empty"
            action={
              <Link href="/dashboard/providers" className={buttonClass("primary")}>
                Add a provider key
              </Link>
            }
          >
            Each provider you add a key for joins the end of the chain. Then come back here to put them in the order you like.
          </EmptyState>
        </Card>
      ) : (
        <Card aria-labelledby="chain-title">
          <CardHeader
            id="chain-title"
            title="Order"
            description="Drag the handle, or focus it and use Space and the arrow keys. Switch a provider off to skip it; pin a model to always use that one."
          />
          <SortableChain entries={entries} modelsFor={modelsFor} onReorder={(next) => save(next, "Order saved")} onChange={change} />
        </Card>
      )}
    </>
  );
}
