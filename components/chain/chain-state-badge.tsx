import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ChainEntry } from "@/lib/client/api-types";
import { formatClock } from "@/lib/client/format";

const REASONS: Record<string, string> = {
  quota_exhausted: "free quota used up",
  not_on_free_tier: "not on the free tier",
  limit_reached: "limit reached",
  auth_invalid: "key rejected",
};

export function chainStateLabel(state: ChainEntry["state"]): { label: string; tone: BadgeTone; detail?: string } {
  switch (state.status) {
    case "ready":
      return { label: "Ready", tone: "green" };
    case "cooling_down":
      return { label: state.until ? `Cooling down until ${formatClock(state.until)}` : "Cooling down", tone: "blue", detail: state.reason ?? undefined };
    case "benched":
      return { label: state.until ? `Benched until ${formatClock(state.until)}` : "Benched until reset", tone: "amber", detail: state.reason ? (REASONS[state.reason] ?? state.reason) : undefined };
    case "no_keys":
      return { label: "No keys", tone: "neutral" };
    case "invalid_keys":
      return { label: "Invalid keys", tone: "red" };
    case "pin_unavailable":
      return { label: "Pinned model not served", tone: "red", detail: state.reason ?? undefined };
    default:
      return { label: String(state.status), tone: "neutral" };
  }
}

export function ChainStateBadge({ state }: { state: ChainEntry["state"] }) {
  const { label, tone, detail } = chainStateLabel(state);
  return (
    <span title={detail}>
      <Badge tone={tone} dot>
        {label}
      </Badge>
    </span>
  );
}
