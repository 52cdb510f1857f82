"use client";

import { useId } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { Skeleton } from "@/components/ui/skeleton";
import type { UsageDay } from "@/lib/client/api-types";
import { formatCompact, formatDay, formatNumber, niceTicks } from "@/lib/client/format";
import { providerColor } from "./provider-colors";

type Row = { day: string } & Record<string, number | string>;

function ChartTooltip({ active, payload, label, nameOf, days }: TooltipContentProps<number, string> & { nameOf: (id: string) => string; days: UsageDay[] }) {
  if (!active || !payload?.length) return null;
  const day = days.find((d) => d.day === label);
  const items = payload.filter((item) => Number(item.value) > 0);
  const total = items.reduce((sum, item) => sum + Number(item.value), 0);
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{formatDay(String(label))}</p>
      {items.length === 0 && <p className="text-zinc-500">No tokens</p>}
      {items.map((item) => (
        <p key={String(item.dataKey)} className="flex items-center justify-between gap-4 text-zinc-600 dark:text-zinc-300">
          <span className="flex items-center gap-1.5">
            <span className="size-2 rounded-sm" style={{ background: item.color }} aria-hidden="true" />
            {nameOf(String(item.dataKey))}
          </span>
          <span className="tabular-nums">{formatNumber(Number(item.value))}</span>
        </p>
      ))}
      {items.length > 1 && <p className="mt-1 border-t border-zinc-200 pt-1 text-right font-medium tabular-nums dark:border-zinc-700">{formatNumber(total)}</p>}
      {day && total > 0 && (
        <p className="mt-1 text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="usage-tooltip-split">
          {formatNumber(day.promptTokens)} prompt · {formatNumber(day.completionTokens)} completion
        </p>
      )}
    </div>
  );
}

export function UsageChart({ days, providers, nameOf }: { days: UsageDay[] | undefined; providers: string[]; nameOf: (id: string) => string }) {
  const titleId = useId();
  const descId = useId();
  const rows: Row[] = (days ?? []).map((day) => {
    const row: Row = { day: day.day };
    for (const provider of providers) row[provider] = day.byProvider[provider]?.tokens ?? 0;
    return row;
  });
  // Providers that carried no tokens in the period stay out of the bars and the legend.
  const shown = providers.filter((provider) => (days ?? []).some((day) => (day.byProvider[provider]?.tokens ?? 0) > 0));
  const ticks = niceTicks(Math.max(0, ...rows.map((row) => shown.reduce((sum, p) => sum + Number(row[p] ?? 0), 0))), 4, true);
  const total = (days ?? []).reduce((sum, day) => sum + Object.values(day.byProvider).reduce((s, p) => s + p.tokens, 0), 0);
  const busiest = (days ?? []).reduce<UsageDay | null>(
    (best, day) => (!best || day.promptTokens + day.completionTokens > best.promptTokens + best.completionTokens ? day : best),
    null,
  );

  return (
    <figure aria-labelledby={titleId} aria-describedby={descId} className="m-0">
      <figcaption className="sr-only">
        <span id={titleId}>Tokens per day by provider, last {days?.length ?? 30} days</span>
        <span id={descId}>
          {days
            ? `${formatNumber(total)} tokens in total across ${providers.length} ${providers.length === 1 ? "provider" : "providers"}${busiest && total ? `; the busiest day was ${formatDay(busiest.day)}` : ""}. The table below lists every day.`
            : "Loading."}
        </span>
      </figcaption>
      <div className="h-72 text-zinc-500 dark:text-zinc-400" data-testid="usage-chart">
        {!days ? (
          <Skeleton className="h-full w-full" />
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
              <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fill: "currentColor", fontSize: 12 }} tickLine={false} axisLine={false} minTickGap={24} />
              <YAxis
                ticks={ticks}
                domain={[0, ticks[ticks.length - 1]]}
                interval={0}
                tickFormatter={(value: number) => formatCompact(value)}
                tick={{ fill: "currentColor", fontSize: 12 }}
                tickLine={false}
                axisLine={false}
                width={44}
                allowDecimals={false}
              />
              <Tooltip
                cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
                content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} nameOf={nameOf} days={days} />}
              />
              {shown.map((provider, index) => (
                <Bar
                  key={provider}
                  dataKey={provider}
                  name={nameOf(provider)}
                  stackId="tokens"
                  fill={providerColor(providers, provider)}
                  radius={index === shown.length - 1 ? [3, 3, 0, 0] : 0}
                  isAnimationActive={false}
                  maxBarSize={28}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      {shown.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
          {shown.map((provider) => (
            <li key={provider} className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm" style={{ background: providerColor(providers, provider) }} aria-hidden="true" />
              {nameOf(provider)}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
