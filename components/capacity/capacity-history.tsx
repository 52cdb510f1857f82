"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { Capacity } from "@/lib/client/api-types";
import { formatCompact, formatDay, formatMs, niceTicks } from "@/lib/client/format";
import { FAILURE_COLOR } from "@/lib/client/state-labels";

const PROMPT = "#6366f1";
const COMPLETION = "#10b981";
const OK = "#0ea5e9";
const STOPPED = "#a1a1aa";

const axis = { tick: { fill: "currentColor", fontSize: 12 }, tickLine: false, axisLine: false } as const;
const tooltipStyle = { contentStyle: { fontSize: 12, borderRadius: 8 }, labelFormatter: (label: unknown) => formatDay(String(label)) };

function Chart({ title, description, children, testId }: { title: string; description: string; children: React.ReactElement; testId: string }) {
  return (
    <Card aria-label={title}>
      <CardHeader title={title} description={description} />
      <CardBody>
        <div className="h-56 text-zinc-500 dark:text-zinc-400" data-testid={testId}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      </CardBody>
    </Card>
  );
}

/** The last two weeks: requests beside errors, latency p50/p95, and tokens with prompt and completion apart. */
export function CapacityHistory({ days }: { days: Capacity["days"] | undefined }) {
  if (!days) return <Skeleton className="h-56 w-full" />;
  const rows = days.map((d) => ({ ...d, answered: Math.max(0, d.requests - d.errors) }));
  const requestTicks = niceTicks(Math.max(0, ...rows.map((r) => r.requests + r.stopped)), 4, true);
  const tokenTicks = niceTicks(Math.max(0, ...rows.map((r) => r.promptTokens + r.completionTokens)), 4, true);
  const latencyTicks = niceTicks(Math.max(0, ...rows.map((r) => r.p95 ?? 0)));
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Chart title="Requests per day" description="Answered, failed and stopped by the caller." testId="capacity-chart-requests">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis ticks={requestTicks} domain={[0, requestTicks.at(-1)!]} interval={0} tickFormatter={(v: number) => formatCompact(v)} width={40} {...axis} />
          <Tooltip {...tooltipStyle} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="answered" name="Answered" stackId="r" fill={OK} isAnimationActive={false} maxBarSize={24} />
          <Bar dataKey="errors" name="Failed" stackId="r" fill={FAILURE_COLOR} isAnimationActive={false} maxBarSize={24} />
          <Bar dataKey="stopped" name="Stopped" stackId="r" fill={STOPPED} isAnimationActive={false} maxBarSize={24} />
        </BarChart>
      </Chart>
      <Chart title="Latency" description="Answered requests, median (p50) and slowest 5% (p95)." testId="capacity-chart-latency">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis ticks={latencyTicks} domain={[0, latencyTicks.at(-1)!]} interval={0} tickFormatter={(v: number) => formatMs(v)} width={52} {...axis} />
          <Tooltip {...tooltipStyle} formatter={(v) => formatMs(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="p50" name="p50" stroke={OK} dot={{ r: 3 }} connectNulls isAnimationActive={false} strokeWidth={2} />
          <Line dataKey="p95" name="p95" stroke="#f59e0b" dot={{ r: 3 }} connectNulls isAnimationActive={false} strokeWidth={2} />
        </LineChart>
      </Chart>
      <Chart title="Tokens per day" description="Prompt (sent) and completion (generated) apart." testId="capacity-chart-tokens">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis ticks={tokenTicks} domain={[0, tokenTicks.at(-1)!]} interval={0} tickFormatter={(v: number) => formatCompact(v)} width={44} {...axis} />
          <Tooltip {...tooltipStyle} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="promptTokens" name="Prompt" stackId="t" fill={PROMPT} isAnimationActive={false} maxBarSize={24} />
          <Bar dataKey="completionTokens" name="Completion" stackId="t" fill={COMPLETION} isAnimationActive={false} maxBarSize={24} />
        </BarChart>
      </Chart>
    </div>
  );
}
