"use client";

import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { AttentionKind, Overview } from "@/lib/client/api-types";
import { formatClock } from "@/lib/client/format";
import { stateHint, stateLabel } from "@/lib/client/state-labels";
import { useCatalog } from "@/lib/client/use-catalog";

const KINDS: Record<AttentionKind, { label: string; tone: BadgeTone }> = {
  invalid_key: { label: "Invalid key", tone: "red" },
  benched: { label: "Benched", tone: "amber" },
  cooling_down: { label: "Cooling down", tone: "blue" },
  circuit_open: { label: "Failing", tone: "red" },
};

export function AttentionList({ items, keyCount }: { items: Overview["attention"] | undefined; keyCount: number | undefined }) {
  const { nameOf } = useCatalog();
  return (
    <Card aria-labelledby="attention-title">
      <CardHeader id="attention-title" title="Needs attention" description="Keys the gateway is skipping right now." />
      <CardBody className="min-h-48">
        {!items ? (
          <SkeletonRows rowClassName="h-9" />
        ) : items.length === 0 && keyCount === 0 ? (
          <EmptyState icon={<CheckIcon className="size-5" />} title="No provider keys yet" className="py-6">
            Add a key and its health shows up here.{" "}
            <Link href="/dashboard/providers" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
              Add a provider key
            </Link>
          </EmptyState>
        ) : items.length === 0 ? (
          <EmptyState icon={<CheckIcon className="size-5" />} title="All clear" className="py-6">
            Every key is ready to serve.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {items.map((item, index) => {
              const kind = KINDS[item.kind] ?? { label: item.kind, tone: "neutral" as const };
              return (
                <li
                  key={`${item.kind}-${item.keyId ?? item.providerId}-${item.model ?? ""}-${index}`}
                  className="flex flex-wrap items-center justify-between gap-2 py-2.5 first:pt-0 last:pb-0"
                >
                  <div className="min-w-0">
                    <p className="text-sm font-medium">
                      {nameOf(item.providerId)}
                      {item.lastFour && <span className="ml-1.5 font-mono text-xs text-zinc-500">…{item.lastFour}</span>}
                      {item.label && <span className="ml-1.5 text-zinc-500">({item.label})</span>}
                    </p>
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={stateHint(item.reason) ?? undefined}>
                      {[item.model, item.reason && (item.kind === "invalid_key" ? item.reason : stateLabel(item.reason))].filter(Boolean).join(" · ") || "—"}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge tone={kind.tone} dot>
                      {kind.label}
                      {item.until && ` until ${formatClock(item.until)}`}
                    </Badge>
                    {item.kind === "invalid_key" && (
                      <Link href="/dashboard/providers" className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-500">
                        Fix
                      </Link>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
