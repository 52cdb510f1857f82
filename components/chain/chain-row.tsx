"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { ChainEntry } from "@/lib/client/api-types";
import { cn } from "@/lib/client/cn";
import { formatLimits } from "@/lib/client/format";
import { ChainStateBadge } from "./chain-state-badge";

interface Props {
  entry: ChainEntry;
  index: number;
  models: string[];
  onToggle: (enabled: boolean) => void;
  onPin: (model: string | null) => void;
}

export function ChainRow({ entry, index, models, onToggle, onPin }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: entry.providerId });
  // Providers that limit per model only carry a note until a model is pinned.
  const numbers = formatLimits({ ...entry.limits, note: null });
  const limits = numbers || (entry.pinnedModel ? entry.limits?.note || "No published limits" : "Limits vary by model; pin one to see them");
  const selectId = `pin-${entry.providerId}`;
  const pinGone = entry.pinnedModel !== null && !models.includes(entry.pinnedModel);

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="chain-row"
      data-provider={entry.providerId}
      className={cn(
        "relative flex flex-wrap items-center gap-x-4 gap-y-3 bg-white px-3 last:rounded-b-xl py-3.5 sm:px-5 dark:bg-zinc-900",
        isDragging && "z-10 rounded-lg shadow-lg ring-2 ring-brand-500/50",
        !entry.enabled && "bg-zinc-50 dark:bg-zinc-900/40",
      )}
    >
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Reorder ${entry.providerName}`}
          className="flex size-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-zinc-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 hover:bg-zinc-100 hover:text-zinc-700 active:cursor-grabbing dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
        >
          <GripIcon className="size-5" />
        </button>
        <span
          className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300"
          aria-hidden="true"
        >
          {index + 1}
        </span>
        <div className={cn("min-w-0", !entry.enabled && "opacity-60")}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium" data-testid="chain-provider-name">
              {entry.providerName}
            </span>
            {entry.enabled ? <ChainStateBadge state={entry.state} /> : <span className="text-xs font-medium text-zinc-500">Skipped</span>}
          </div>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400" title={entry.limits?.note ?? undefined} data-testid="chain-limits">
            {limits} · {entry.keyCount} {entry.keyCount === 1 ? "key" : "keys"}
          </p>
        </div>
      </div>
      <div className="flex w-full items-center gap-3 pl-11 sm:w-auto sm:pl-0">
        <label htmlFor={selectId} className="sr-only">
          Model for {entry.providerName}
        </label>
        <Select
          id={selectId}
          value={entry.pinnedModel ?? ""}
          onChange={(event) => onPin(event.target.value || null)}
          className="min-w-0 flex-1 sm:w-56 sm:flex-none"
        >
          <option value="">Any model</option>
          {pinGone && <option value={entry.pinnedModel!}>{entry.pinnedModel} (not served)</option>}
          {models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </Select>
        <Switch checked={entry.enabled} onChange={onToggle} label={`Use ${entry.providerName}`} />
      </div>
    </li>
  );
}
