"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ChevronIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { ProviderKey } from "@/lib/client/api-types";
import { cn } from "@/lib/client/cn";
import { formatRelative } from "@/lib/client/format";
import { KeyStatusBadge } from "./key-status-badge";
import { ModelList } from "./model-list";

interface Props {
  item: ProviderKey;
  providerName: string;
  onChanged: (key: ProviderKey) => void;
  onDeleted: (id: string) => void;
}

export function KeyRow({ item, providerName, onChanged, onDeleted }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const modelsId = useId();
  const name = `${providerName}${item.label ? ` (${item.label})` : ""}`;

  async function recheck() {
    setChecking(true);
    try {
      const result = await apiFetch<{ key: ProviderKey; models: string[] }>(`/api/account/provider-keys/${item.id}/recheck`, { method: "POST" });
      onChanged(result.key);
      if (result.key.status === "active") toast.success(`${providerName} key works`, { description: `${result.models.length} models available.` });
      else toast.error(`${providerName} rejected this key`, { description: result.key.statusReason ?? undefined });
    } catch (caught) {
      toast.error(`Could not re-check the ${providerName} key`, { description: errorMessage(caught) });
    } finally {
      setChecking(false);
    }
  }

  async function remove() {
    setDeleting(true);
    try {
      await apiFetch(`/api/account/provider-keys/${item.id}`, { method: "DELETE" });
      setConfirming(false);
      onDeleted(item.id);
      toast.success(`${providerName} key deleted`);
    } catch (caught) {
      toast.error("Could not delete the key", { description: errorMessage(caught) });
    } finally {
      setDeleting(false);
    }
  }

  return (
    <li className="px-5 py-4" data-testid="provider-key-row">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{providerName}</span>
            {item.label && <span className="min-w-0 text-sm [overflow-wrap:anywhere] text-zinc-500 dark:text-zinc-400">{item.label}</span>}
            {item.lastFour && <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">…{item.lastFour}</span>}
            <KeyStatusBadge status={item.status} reason={item.statusReason} />
          </div>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            Last used {formatRelative(item.lastUsedAt).toLowerCase()} · checked {formatRelative(item.lastValidatedAt ?? item.createdAt).toLowerCase()}
          </p>
          {item.statusReason && item.status !== "active" && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{item.statusReason}</p>}
        </div>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setExpanded((v) => !v)}
            aria-expanded={expanded}
            aria-controls={modelsId}
            icon={<ChevronIcon className={cn("transition-transform", expanded && "rotate-90")} />}
          >
            {item.models.length} {item.models.length === 1 ? "model" : "models"}
          </Button>
          <Button
            variant="ghost"
            size="icon"
            onClick={recheck}
            loading={checking}
            aria-label={`Re-check ${name} key`}
            title="Re-check with the provider"
            icon={<RefreshIcon />}
          />
          <Button
            variant="danger-ghost"
            size="icon"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${name} key`}
            title="Delete"
            icon={<TrashIcon />}
          />
        </div>
      </div>
      {expanded && (
        <div id={modelsId} className="mt-3">
          <ModelList models={item.models} label={`${name} models`} className="max-h-48" />
        </div>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete this ${providerName} key?`}
        description={`${item.label ? `“${item.label}”, the key` : "The key"} ending …${item.lastFour || "—"}, is erased for good. If it is your only ${providerName} key, the gateway stops using ${providerName}.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={deleting}>
              Cancel
            </Button>
            <Button variant="danger" onClick={remove} loading={deleting}>
              Delete key
            </Button>
          </>
        }
      />
    </li>
  );
}
