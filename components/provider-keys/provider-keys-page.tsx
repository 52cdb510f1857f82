"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PlusIcon, ServerIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import type { ProviderKey } from "@/lib/client/api-types";
import { useCatalog } from "@/lib/client/use-catalog";
import { useResource } from "@/lib/client/use-resource";
import { AddKeyDialog } from "./add-key-dialog";
import { KeyRow } from "./key-row";

type Keys = { keys: ProviderKey[] };

export function ProviderKeysPage() {
  const catalog = useCatalog();
  const keys = useResource<Keys>("/api/account/provider-keys");
  const [adding, setAdding] = useState(false);
  const list = keys.data?.keys;
  const canAdd = !!catalog.data?.length;

  const update = (fn: (items: ProviderKey[]) => ProviderKey[]) => keys.mutate((current) => ({ keys: fn(current?.keys ?? []) }));
  const addButton = (
    <Button onClick={() => setAdding(true)} disabled={!canAdd} icon={<PlusIcon />}>
      Add a key
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Provider keys"
        description="Free API keys from LLM providers. Each is checked before it is saved, stored encrypted, and never shown again."
        action={list && list.length > 0 ? addButton : undefined}
      />
      {keys.error && !list ? (
        <ErrorState error={keys.error} onRetry={keys.reload} className="rounded-xl border border-zinc-200 dark:border-zinc-800" />
      ) : !list ? (
        <Card aria-label="Loading provider keys">
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" role="status" aria-label="Loading">
            {[0, 1, 2].map((row) => (
              <li key={row} className="flex items-center gap-4 px-5 py-4">
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-5 w-48" />
                  <Skeleton className="h-3.5 w-64" />
                </div>
                <Skeleton className="h-8 w-28" />
              </li>
            ))}
          </ul>
        </Card>
      ) : list.length === 0 ? (
        <Card>
          <EmptyState icon={<ServerIcon className="size-5" />} title="Add your first provider key" action={addButton}>
            Groq, Gemini, OpenRouter, Cerebras, Mistral and others give free API keys. Add one and the gateway can start answering requests with it.
          </EmptyState>
        </Card>
      ) : (
        <Card aria-labelledby="keys-title">
          <CardHeader
            id="keys-title"
            title="Your keys"
            description={`${list.length} ${list.length === 1 ? "key" : "keys"}. Add several keys for one provider to multiply its free limits.`}
          />
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Provider keys">
            {list.map((item) => (
              <KeyRow
                key={item.id}
                item={item}
                providerName={catalog.nameOf(item.providerId)}
                onChanged={(next) => update((items) => items.map((k) => (k.id === next.id ? next : k)))}
                onDeleted={(id) => update((items) => items.filter((k) => k.id !== id))}
              />
            ))}
          </ul>
        </Card>
      )}
      {catalog.data && adding && (
        <AddKeyDialog open={adding} onClose={() => setAdding(false)} catalog={catalog.data} onAdded={(key) => update((items) => [...items, key])} />
      )}
    </>
  );
}
