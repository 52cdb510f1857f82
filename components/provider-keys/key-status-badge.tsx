import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ProviderKeyStatus } from "@/lib/client/api-types";

const STATUS: Record<ProviderKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  invalid: { label: "Invalid", tone: "red" },
  disabled: { label: "Disabled", tone: "neutral" },
};

export function KeyStatusBadge({ status, reason }: { status: ProviderKeyStatus; reason: string | null }) {
  const { label, tone } = STATUS[status] ?? { label: status, tone: "neutral" as const };
  return (
    <span title={reason ?? undefined}>
      <Badge tone={tone} dot>
        {label}
      </Badge>
    </span>
  );
}
