"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { ModelAlias } from "@/lib/client/api-types";

export function AliasesList({ aliases, onRemoved }: { aliases: ModelAlias[]; onRemoved: (alias: ModelAlias) => void }) {
  const [removing, setRemoving] = useState<string | null>(null);

  async function remove(alias: ModelAlias) {
    setRemoving(alias.id);
    try {
      await apiFetch(`/api/account/model-aliases/${encodeURIComponent(alias.id)}`, { method: "DELETE" });
      toast.success(`Removed ${alias.alias}`);
      onRemoved(alias);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setRemoving(null);
    }
  }

  // A list rather than a table, so Remove stays in reach on a phone.
  return (
    <ul aria-label="Model aliases" className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
      {aliases.map((alias) => (
        <li key={alias.id} data-testid="alias-row" className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-5 py-3 text-sm">
          <p className="min-w-0 flex-1 basis-64 font-mono text-[13px]">
            <span className="break-all">{alias.alias}</span>
            <span className="mx-2 text-zinc-400" aria-label="maps to">
              →
            </span>
            <span className="break-all">{alias.target}</span>
          </p>
          <span className="text-zinc-600 dark:text-zinc-300">{alias.apiKeyId ? `Only “${alias.apiKeyName ?? "a revoked key"}”` : "Every key"}</span>
          <Button
            variant="danger-ghost"
            size="sm"
            icon={<TrashIcon />}
            loading={removing === alias.id}
            onClick={() => remove(alias)}
            aria-label={`Remove ${alias.alias}`}
          >
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}
