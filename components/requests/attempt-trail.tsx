import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RequestLogItem } from "@/lib/client/api-types";
import { formatMs } from "@/lib/client/format";
import { stateHint, stateLabel } from "@/lib/client/state-labels";
import { StatusBadge } from "./status-badge";

function outcomeTone(outcome: string): BadgeTone {
  if (outcome === "ok" || outcome === "success") return "green";
  if (outcome.includes("skip")) return "neutral";
  if (outcome.includes("rate") || outcome.includes("quota") || outcome.includes("cool")) return "amber";
  return "red";
}

/** The providers the gateway tried for one request, in order. */
export function AttemptTrail({ item, nameOf }: { item: RequestLogItem; nameOf: (id: string) => string }) {
  if (item.cached) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">Answered from the response cache: no provider was called and no tokens were spent.</p>;
  }
  if (item.attempts.length === 0) {
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        No provider was tried{item.errorCode ? `: ${stateLabel(item.errorCode)}` : ""}.
        {item.errorCode && stateHint(item.errorCode) ? ` ${stateHint(item.errorCode)}` : ""}
      </p>
    );
  }
  return (
    <div>
      <p className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Fallback trail</p>
      <ol className="space-y-1.5" data-testid="attempt-trail">
        {item.attempts.map((attempt, index) => (
          <li key={index} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span
              className="flex size-5 items-center justify-center rounded-full bg-zinc-200 text-[11px] font-medium tabular-nums text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              aria-hidden="true"
            >
              {index + 1}
            </span>
            <span className="font-medium">{nameOf(attempt.provider)}</span>
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{attempt.model}</span>
            <span title={stateHint(attempt.outcome)}>
              <Badge tone={outcomeTone(attempt.outcome)}>{stateLabel(attempt.outcome)}</Badge>
            </span>
            {attempt.status !== null && attempt.status > 0 && <StatusBadge status={attempt.status} />}
            <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatMs(attempt.ms)}</span>
          </li>
        ))}
      </ol>
      <p className="mt-3 font-mono text-xs text-zinc-400 dark:text-zinc-500">
        Request id {item.requestId}
        {item.errorCode && ` · ${stateLabel(item.errorCode)}`}
      </p>
    </div>
  );
}
