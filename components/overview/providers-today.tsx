"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ServerIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { Overview } from "@/lib/client/api-types";
import { formatCompact } from "@/lib/client/format";
import { FAILURE_COLOR, isNoProvider } from "@/lib/client/state-labels";
import { useCatalog } from "@/lib/client/use-catalog";

export function ProvidersToday({ providers }: { providers: Overview["providersToday"] | undefined }) {
  const { nameOf } = useCatalog();
  const max = Math.max(1, ...(providers ?? []).map((provider) => provider.requests));
  return (
    <Card aria-labelledby="providers-today-title">
      <CardHeader id="providers-today-title" title="Who answered today" description="Requests served by each provider since midnight UTC." />
      <CardBody className="min-h-48">
        {!providers ? (
          <SkeletonRows rowClassName="h-9" />
        ) : providers.length === 0 ? (
          <EmptyState icon={<ServerIcon className="size-5" />} title="No traffic yet today" className="py-6">
            Requests made with your unified key show up here.
          </EmptyState>
        ) : (
          <ul className="space-y-3.5">
            {providers.map((provider) => (
              <li key={provider.providerId} data-testid={isNoProvider(provider.providerId) ? "unanswered-today" : "provider-today"}>
                <div className="flex items-baseline justify-between text-sm">
                  <span className={isNoProvider(provider.providerId) ? "font-medium text-red-700 dark:text-red-400" : "font-medium"}>
                    {nameOf(provider.providerId)}
                  </span>
                  <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
                    {formatCompact(provider.requests)} req · {formatCompact(provider.tokens)} tokens
                  </span>
                </div>
                <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                  <div
                    className={isNoProvider(provider.providerId) ? "h-full rounded-full" : "h-full rounded-full bg-brand-500"}
                    style={{ width: `${(provider.requests / max) * 100}%`, ...(isNoProvider(provider.providerId) ? { background: FAILURE_COLOR } : {}) }}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
