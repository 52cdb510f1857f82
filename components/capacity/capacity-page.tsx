"use client";

import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { BoltIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import type { Capacity } from "@/lib/client/api-types";
import { formatCompact, formatUtcClock } from "@/lib/client/format";
import { stateLabel } from "@/lib/client/state-labels";
import { useCatalog } from "@/lib/client/use-catalog";
import { LIVE_REFRESH_MS, useResource } from "@/lib/client/use-resource";
import { CapacityHistory } from "./capacity-history";
import { WindowMeter } from "./window-meter";

const ROLE: Record<Capacity["carriers"][number]["role"], { label: string; tone: BadgeTone }> = {
  carrying: { label: "Answering now", tone: "green" },
  standby: { label: "Waiting", tone: "neutral" },
  out: { label: "Out", tone: "amber" },
  disabled: { label: "Disabled", tone: "neutral" },
};

const WINDOW: Record<Capacity["providers"][number]["window"], string> = {
  rolling: "rolling 24 h window",
  "utc-day": "resets at midnight UTC",
  "pacific-day": "resets at midnight Pacific",
  monthly: "resets on the 1st (UTC)",
};

/** "at today's rate Groq runs out at 15:20 UTC" or "lasts until it resets at 07:00 UTC". */
function forecastOf(p: Capacity["providers"][number]): string {
  if (!p.dayRequests) return `No published request limit; ${WINDOW[p.window]}.`;
  if (p.dayRequests.used >= p.dayRequests.limit) return `Used up; back at ${formatUtcClock(p.resetsAt)}.`;
  if (p.runsOutAt) return `At today's rate ${p.name} runs out at ${formatUtcClock(p.runsOutAt)}; it resets at ${formatUtcClock(p.resetsAt)}.`;
  return p.dayRequests.used ? `At today's rate it lasts until it resets at ${formatUtcClock(p.resetsAt)}.` : `Untouched so far; ${WINDOW[p.window]}.`;
}

export function CapacityPage() {
  const { nameOf } = useCatalog();
  const { data, error, reload } = useResource<Capacity>("/api/account/capacity", { refreshMs: LIVE_REFRESH_MS * 5 });
  const pooled = data?.pooled;
  // The first waiting carrier after the one answering is the next to take over.
  const carrying = data?.carriers.findIndex((c) => c.role === "carrying") ?? -1;
  const next = (index: number) =>
    data?.carriers[index]?.role === "standby" && carrying >= 0 && data.carriers.findIndex((c, i) => i > carrying && c.role === "standby") === index;
  const left = pooled ? Math.max(0, pooled.requests.limit - pooled.requests.used) : undefined;

  return (
    <>
      <PageHeader
        title="Capacity"
        description="How much free LLM you have left: every key against its free-tier windows, when each resets, and who answers as they run out."
      />
      {error && !data ? (
        <Card>
          <ErrorState error={error} onRetry={reload} />
        </Card>
      ) : data && data.providers.length === 0 ? (
        <Card>
          <EmptyState
            icon={<BoltIcon className="size-5" />}
            title="No providers in your chain yet"
            action={
              <Link href="/dashboard/providers" className={buttonClass("primary", "sm")}>
                Add a provider key
              </Link>
            }
          >
            Each key you add brings its own free tier; this page adds them up.
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="capacity-pooled">
            <Stat
              label="Requests left today"
              value={left === undefined ? undefined : formatCompact(left)}
              hint={pooled && `${formatCompact(pooled.requests.used)} of ${formatCompact(pooled.requests.limit)} across the chain`}
            />
            <Stat
              label="Tokens left today"
              value={pooled && (pooled.tokens.limit ? formatCompact(Math.max(0, pooled.tokens.limit - pooled.tokens.used)) : "—")}
              hint={
                pooled &&
                (pooled.tokens.limit
                  ? `${formatCompact(pooled.tokens.used)} of ${formatCompact(pooled.tokens.limit)} with a token limit`
                  : "No daily token limits published")
              }
            />
            <Stat
              label="Answering now"
              value={
                data && (data.carriers.find((c) => c.role === "carrying") ? nameOf(data.carriers.find((c) => c.role === "carrying")!.providerId) : "Nobody")
              }
              hint={data?.carriers.find((c) => c.role === "carrying")?.model}
            />
            <Stat
              label="Requests this month"
              value={data && formatCompact(data.providers.reduce((s, p) => s + p.month.requests, 0))}
              hint={
                pooled && pooled.unlimitedProviders.length > 0 ? `${pooled.unlimitedProviders.map(nameOf).join(", ")}: no published request limit` : undefined
              }
            />
          </dl>

          <Card aria-labelledby="carriers-title">
            <CardHeader
              id="carriers-title"
              title="Who answers “auto”"
              description="Your chain in the order the router walks it: who carries it now, and who takes over as each runs out."
            />
            {!data ? (
              <SkeletonRows rows={3} className="p-5" />
            ) : (
              <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="capacity-carriers">
                {data.carriers.map((c, index) => (
                  <li
                    key={`${c.providerId}/${c.model}`}
                    className="flex flex-wrap items-center justify-between gap-2 px-5 py-3"
                    data-testid="capacity-carrier"
                    data-role={c.role}
                  >
                    <div className="flex min-w-0 items-center gap-3">
                      <span
                        className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-medium tabular-nums dark:bg-zinc-800"
                        aria-hidden="true"
                      >
                        {index + 1}
                      </span>
                      <div className="min-w-0">
                        <p className="text-sm font-medium">{nameOf(c.providerId)}</p>
                        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{c.model}</p>
                      </div>
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
                      {c.dayRequests && (
                        <span className="tabular-nums">
                          {formatCompact(c.dayRequests.used)} / {formatCompact(c.dayRequests.limit)} req · {c.keyCount} {c.keyCount === 1 ? "key" : "keys"}
                        </span>
                      )}
                      {c.role === "out" && c.unavailableUntil && (
                        <span>
                          {stateLabel(c.reason)} · back {formatUtcClock(c.unavailableUntil)}
                        </span>
                      )}
                      {c.runsOutAt && c.role !== "out" && <span>runs out ~{formatUtcClock(c.runsOutAt)}</span>}
                      <Badge tone={next(index) ? "blue" : ROLE[c.role].tone} dot>
                        {next(index) ? "Takes over next" : ROLE[c.role].label}
                      </Badge>
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            {(data?.providers ?? []).map((p) => (
              <Card key={p.providerId} aria-labelledby={`cap-${p.providerId}`} data-testid="capacity-provider" data-provider={p.providerId}>
                <CardHeader id={`cap-${p.providerId}`} title={p.name} description={forecastOf(p)} />
                <CardBody className="space-y-4">
                  <dl className="grid grid-cols-2 gap-3 text-sm">
                    <div>
                      <dt className="text-xs text-zinc-500 dark:text-zinc-400">Today</dt>
                      <dd className="tabular-nums" data-testid="capacity-today">
                        {formatCompact(p.today.requests)} req · {formatCompact(p.today.promptTokens)} in · {formatCompact(p.today.completionTokens)} out
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-zinc-500 dark:text-zinc-400">This month</dt>
                      <dd className="tabular-nums">
                        {formatCompact(p.month.requests)} req · {formatCompact(p.month.promptTokens + p.month.completionTokens)} tokens
                      </dd>
                    </div>
                  </dl>
                  {p.keys.length === 0 && <p className="text-sm text-zinc-500">No active key for this provider.</p>}
                  {p.keys.map((key) => (
                    <div key={key.keyId} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                      <p className="mb-2 min-w-0 text-sm font-medium [overflow-wrap:anywhere]">
                        {key.label ?? "Key"} <span className="font-mono text-xs text-zinc-500">…{key.lastFour}</span>
                        {key.unavailableUntil && (
                          <Badge tone="amber" className="ml-2">
                            out until {formatUtcClock(key.unavailableUntil)}
                          </Badge>
                        )}
                      </p>
                      {key.windows.length > 0 && (
                        <div className="mb-3 grid gap-3 sm:grid-cols-2">
                          {key.windows.map((w) => (
                            <WindowMeter key={`${w.metric}-${w.period}`} window={w} />
                          ))}
                        </div>
                      )}
                      {key.models
                        .filter((m) => m.windows.length > 0 || m.unavailableUntil)
                        .map((m) => (
                          <div
                            key={m.model}
                            className="mt-2 border-t border-zinc-100 pt-2 first:mt-0 first:border-0 first:pt-0 dark:border-zinc-800"
                            data-testid="capacity-model"
                            data-model={m.model}
                          >
                            <p className="mb-1.5 truncate font-mono text-xs text-zinc-600 dark:text-zinc-300">
                              {m.model}
                              {m.unavailableUntil && (
                                <span className="ml-2 font-sans text-amber-700 dark:text-amber-400">
                                  {stateLabel(m.reason)} until {formatUtcClock(m.unavailableUntil)}
                                </span>
                              )}
                            </p>
                            <div className="grid gap-3 sm:grid-cols-2">
                              {m.windows.map((w) => (
                                <WindowMeter key={`${w.metric}-${w.period}`} window={w} />
                              ))}
                            </div>
                          </div>
                        ))}
                    </div>
                  ))}
                  {p.note && <p className="text-xs text-zinc-500 dark:text-zinc-400">{p.note}</p>}
                </CardBody>
              </Card>
            ))}
          </div>

          <CapacityHistory days={data?.days} />
        </div>
      )}
    </>
  );
}
