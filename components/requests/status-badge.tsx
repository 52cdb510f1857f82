import { Badge, type BadgeTone } from "@/components/ui/badge";

export function statusTone(status: number | null): BadgeTone {
  if (status === null) return "neutral";
  if (status < 400) return "green";
  if (status === 429 || status >= 500) return "red";
  return "amber";
}

export function StatusBadge({ status }: { status: number | null }) {
  return <Badge tone={statusTone(status)}>{status ?? "—"}</Badge>;
}
