"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ChartIcon, RefreshIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import type { Usage } from "@/lib/client/api-types";
import { formatCompact } from "@/lib/client/format";
import { useCatalog } from "@/lib/client/use-catalog";
import { useResource } from "@/lib/client/use-resource";
import { UsageChart } from "./usage-chart";
import { UsageFilters, type UsageFilterValue } from "./usage-filters";
import { ProtocolBreakdown } from "./protocol-breakdown";
import { UsageTable } from "./usage-table";

const DAYS = 30;
/** Traffic from the dashboard playground has no unified key. */
const PLAYGROUND_KEY_LABEL = "Dashboard";

export function UsagePage() {
  const { nameOf } = useCatalog();
  const [filter, setFilter] = useState<UsageFilterValue>({ apiKeyId: "", providerId: "", model: "" });
  const url = `/api/account/usage?${new URLSearchParams({ days: String(DAYS), ...filter })}`;
  const { data: fresh, error, reload } = useResource<Usage>(url);
  // While a new filter loads, keep showing the last answer (dimmed) so nothing jumps or loses focus.
  const [last, setLast] = useState<Usage | undefined>(fresh);
  if (fresh && fresh !== last) setLast(fresh);
  const data = fresh ?? last;
  const refreshing = !fresh && !!last;
  // Providers in the chart: those present in the period, so colors stay put while filtering.
  const providers = useMemo(() => {
    const seen = new Set(data?.filters.providers ?? []);
    for (const day of data?.days ?? []) for (const id of Object.keys(day.byProvider)) seen.add(id);
    return [...seen].sort();
  }, [data]);
  const keyNames = useMemo(() => new Map((data?.filters.apiKeys ?? []).map((key) => [key.id, key.name])), [data]);
  const keyNameOf = (id: string | null) => (id ? (keyNames.get(id) ?? "Deleted key") : PLAYGROUND_KEY_LABEL);
  const totals = data?.totals;
  const filtered = Boolean(filter.apiKeyId || filter.providerId || filter.model);

  return (
    <>
      <PageHeader
        title="Usage"
        description={`Tokens and requests through your gateway over the last ${DAYS} days (UTC).`}
        action={
          <Button variant="secondary" icon={<RefreshIcon />} onClick={() => void reload()}>
            Refresh
          </Button>
        }
      />
      {error && !data ? (
        <Card>
          <ErrorState error={error} onRetry={reload} />
        </Card>
      ) : (
        <div className="space-y-6">
          <UsageFilters filters={data?.filters} value={filter} onChange={setFilter} nameOf={nameOf} />
          <div className={`space-y-6 transition-opacity ${refreshing ? "opacity-60" : ""}`} aria-busy={refreshing || !data}>
            <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="usage-totals">
              <Stat label="Requests" value={totals && formatCompact(totals.requests)} />
              <Stat label="Prompt tokens" value={totals && formatCompact(totals.promptTokens)} />
              <Stat label="Completion tokens" value={totals && formatCompact(totals.completionTokens)} />
              <Stat
                label="Errors"
                value={totals && formatCompact(totals.errors)}
                hint={totals && (totals.requests ? `${((totals.errors / totals.requests) * 100).toFixed(1)}% of requests` : "No requests")}
              />
            </dl>
            <Card aria-labelledby="usage-chart-title">
              <CardHeader
                id="usage-chart-title"
                title="Tokens per day"
                description="Tokens by the provider that answered; prompt and completion apart in the tooltip and the totals."
              />
              <CardBody>
                <UsageChart days={data?.days} providers={providers} nameOf={nameOf} />
              </CardBody>
            </Card>
            <Card aria-labelledby="usage-protocol-title">
              <CardHeader
                id="usage-protocol-title"
                title="By API"
                description="Which protocol your clients called: Chat Completions, Responses, Anthropic Messages, Completions."
              />
              {!data ? <SkeletonRows rows={2} className="p-5" /> : <ProtocolBreakdown rows={data.byProtocol} />}
            </Card>
            <Card aria-labelledby="usage-table-title">
              <CardHeader id="usage-table-title" title="Breakdown" description="Every day, provider and model with traffic." />
              {!data ? (
                <SkeletonRows rows={4} className="p-5" />
              ) : data.rows.length === 0 ? (
                <EmptyState
                  icon={<ChartIcon className="size-5" />}
                  title={filtered ? "Nothing matches these filters" : "No usage yet"}
                  action={
                    !filtered && (
                      <Link href="/dashboard/keys" className={buttonClass("secondary", "sm")}>
                        Get a unified key
                      </Link>
                    )
                  }
                >
                  {filtered ? "Try another key, provider or model." : "Requests you make with a unified key are counted here within a few seconds."}
                </EmptyState>
              ) : (
                <UsageTable rows={data.rows} nameOf={nameOf} keyNameOf={filter.apiKeyId ? undefined : keyNameOf} />
              )}
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
