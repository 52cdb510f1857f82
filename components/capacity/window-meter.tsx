import type { CapacityWindow } from "@/lib/client/api-types";
import { cn } from "@/lib/client/cn";
import { formatCompact, formatUtcClock } from "@/lib/client/format";

const PERIOD: Record<CapacityWindow["period"], string> = { minute: "this minute", day: "today", month: "this month" };

/** One free-tier window: used of limit, a bar that turns amber then red, and when it resets. */
export function WindowMeter({ window: w }: { window: CapacityWindow }) {
  const share = w.limit ? Math.min(1, w.used / w.limit) : 0;
  const label = `${w.metric === "requests" ? "Requests" : "Tokens"} ${PERIOD[w.period]}`;
  return (
    <div className="min-w-0" data-testid="capacity-window" data-metric={w.metric} data-period={w.period}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-zinc-600 dark:text-zinc-300">{label}</span>
        <span className="tabular-nums text-zinc-500 dark:text-zinc-400" data-testid="capacity-window-numbers">
          {formatCompact(w.used)} / {formatCompact(w.limit)}
        </span>
      </div>
      <div
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={w.limit}
        aria-valuenow={w.used}
      >
        <div
          className={cn("h-full rounded-full", share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-500")}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className="mt-0.5 text-[11px] text-zinc-400 dark:text-zinc-500">
        {w.period === "minute" ? "resets every minute" : `resets ${formatUtcClock(w.resetsAt)}`}
      </p>
    </div>
  );
}
