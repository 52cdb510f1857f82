"use client";

import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import type { Overview } from "@/lib/client/api-types";
import { formatCompact } from "@/lib/client/format";
import { LIVE_REFRESH_MS, useResource } from "@/lib/client/use-resource";
import { AttentionList } from "./attention-list";
import { OnboardingChecklist } from "./onboarding-checklist";
import { ProvidersToday } from "./providers-today";
import { QuickStart } from "./quick-start";

/** The response cache's hit rate today: the share of requests it answered without a provider. */
function cacheHint(today: Overview["today"]): string {
  if (!today.requests) return "No requests yet";
  return `${((today.cached / today.requests) * 100).toFixed(1)}% cache hit rate · ${formatCompact(today.cached)} from the cache`;
}

export function OverviewPage() {
  const { data, error, reload } = useResource<Overview>("/api/account/overview", { refreshMs: LIVE_REFRESH_MS });
  const today = data?.today;
  const setupDone = data ? data.counts.providerKeys > 0 && data.counts.chainEntries > 0 && data.counts.apiKeys > 0 : true;

  return (
    <>
      <PageHeader title="Overview" description="Today's traffic through your gateway, and anything that needs you." />
      {error && !data ? (
        <ErrorState error={error} onRetry={reload} className="rounded-xl border border-zinc-200 dark:border-zinc-800" />
      ) : (
        <div className="space-y-6">
          {data && !setupDone && <OnboardingChecklist counts={data.counts} />}
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label="Requests today" value={today && formatCompact(today.requests)} hint={today && cacheHint(today)} />
            <Stat
              label="Tokens today"
              value={today && formatCompact(today.promptTokens + today.completionTokens)}
              hint={today && `${formatCompact(today.promptTokens)} in · ${formatCompact(today.completionTokens)} out`}
            />
            <Stat
              label="Errors today"
              value={today && formatCompact(today.errors)}
              hint={
                today &&
                [
                  today.requests ? `${((today.errors / today.requests) * 100).toFixed(1)}% of requests` : "No requests yet",
                  today.stopped ? `${formatCompact(today.stopped)} stopped by the caller` : "",
                ]
                  .filter(Boolean)
                  .join(" · ")
              }
            />
            <Stat
              label="Provider keys"
              value={data && formatCompact(data.counts.providerKeys)}
              hint={data && `${data.counts.apiKeys} unified ${data.counts.apiKeys === 1 ? "key" : "keys"}`}
            />
          </dl>
          <div className="grid gap-6 lg:grid-cols-2">
            <ProvidersToday providers={data?.providersToday} />
            <AttentionList items={data?.attention} keyCount={data?.counts.providerKeys} />
          </div>
          <QuickStart />
        </div>
      )}
    </>
  );
}
