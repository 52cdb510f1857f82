"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ChainEntry } from "@/lib/client/api-types";
import { formatClock } from "@/lib/client/format";
import { stateHint, stateLabel } from "@/lib/client/state-labels";
import { Countdown } from "./countdown";

const reasonText = (reason: string | null) => (reason ? [stateLabel(reason), stateHint(reason)].filter(Boolean).join(": ") : undefined);

export function chainStateLabel(state: ChainEntry["state"]): { label: string; tone: BadgeTone; detail?: string } {
  switch (state.status) {
    case "ready":
      return { label: "Ready", tone: "green" };
    case "cooling_down":
      return { label: state.until ? `Cooling down until ${formatClock(state.until)}` : "Cooling down", tone: "blue", detail: reasonText(state.reason) };
    case "benched":
      return { label: state.until ? `Benched until ${formatClock(state.until)}` : "Benched until reset", tone: "amber", detail: reasonText(state.reason) };
    case "no_keys":
      return { label: "No keys", tone: "neutral", detail: stateHint("no_keys") };
    case "invalid_keys":
      return { label: "Invalid keys", tone: "red", detail: stateHint("invalid_keys") };
    case "pin_unavailable":
      return { label: "Pinned model not served", tone: "red", detail: state.reason ?? undefined };
    default:
      return { label: stateLabel(String(state.status)), tone: "neutral" };
  }
}

export function ChainStateBadge({ state }: { state: ChainEntry["state"] }) {
  const { label, tone, detail } = chainStateLabel(state);
  // A short cooldown counts down; a bench names its reason and the time it lifts.
  const counting = state.status === "cooling_down" && state.until;
  return (
    <span title={detail} className="inline-flex flex-wrap items-center gap-1.5" data-testid="chain-state" data-status={state.status}>
      <Badge tone={tone} dot>
        {counting ? (
          <>
            {state.reason === "circuit_open" ? "Breaker open" : "Cooling down"} · <Countdown until={state.until!} />
          </>
        ) : (
          label
        )}
      </Badge>
      {state.status === "benched" && state.reason && <span className="text-xs text-zinc-500 dark:text-zinc-400">{stateLabel(state.reason)}</span>}
    </span>
  );
}
