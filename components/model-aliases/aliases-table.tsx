"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { Table, Td, Th } from "@/components/ui/table";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { ModelAlias } from "@/lib/client/api-types";

export function AliasesTable({ aliases, onRemoved }: { aliases: ModelAlias[]; onRemoved: (alias: ModelAlias) => void }) {
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

  return (
    <Table label="Model aliases">
      <thead>
        <tr>
          <Th>Name clients send</Th>
          <Th>Maps to</Th>
          <Th>For</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {aliases.map((alias) => (
          <tr key={alias.id} data-testid="alias-row">
            <Td className="font-mono text-[13px] break-all">{alias.alias}</Td>
            <Td className="font-mono text-[13px] break-all">{alias.target}</Td>
            <Td className="text-zinc-600 dark:text-zinc-300">{alias.apiKeyId ? `Only “${alias.apiKeyName ?? "a revoked key"}”` : "Every key"}</Td>
            <Td className="text-right">
              <Button variant="danger-ghost" size="sm" icon={<TrashIcon />} loading={removing === alias.id} onClick={() => remove(alias)} aria-label={`Remove ${alias.alias}`}>
                Remove
              </Button>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
