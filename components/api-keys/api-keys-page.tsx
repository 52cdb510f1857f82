"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { KeyIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { toast } from "sonner";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiKey } from "@/lib/client/api-types";
import { useBaseUrl } from "@/lib/client/use-base-url";
import { useResource } from "@/lib/client/use-resource";
import { ApiKeysTable } from "./api-keys-table";
import { ConfigDownloadButton } from "./config-download-button";
import { CreateKeyDialog, type CreatedKey } from "./create-key-dialog";
import { EditLimitsDialog } from "./edit-limits-dialog";
import { NewKeyDialog } from "./new-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";

export function ApiKeysPage() {
  const { data, error, reload, mutate } = useResource<{ keys: ApiKey[] }>("/api/account/api-keys");
  const baseUrl = useBaseUrl();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [editing, setEditing] = useState<ApiKey | null>(null);

  function onCreated(result: CreatedKey) {
    setCreating(false);
    setCreated(result);
    mutate((current) => ({ keys: [result.key, ...(current?.keys ?? [])] }));
  }

  function replace(key: ApiKey) {
    mutate((current) => ({ keys: (current?.keys ?? []).map((item) => (item.id === key.id ? key : item)) }));
  }

  function onRevoked(key: ApiKey) {
    setRevoking(null);
    replace(key);
  }

  async function onCacheChange(key: ApiKey, enabled: boolean) {
    try {
      const { key: updated } = await apiFetch<{ key: ApiKey }>(`/api/account/api-keys/${key.id}/cache`, { method: "PUT", body: { enabled } });
      replace(updated);
    } catch (error) {
      toast.error((error as Error).message);
    }
  }

  function onLimitsSaved(key: ApiKey) {
    setEditing(null);
    // The PATCH answer has no usage: keep the month's count the list brought.
    mutate((current) => ({ keys: (current?.keys ?? []).map((item) => (item.id === key.id ? { ...item, ...key } : item)) }));
  }

  const createButton = (
    <Button icon={<PlusIcon />} onClick={() => setCreating(true)}>
      Create key
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Unified keys"
        description={
          <>
            Give each app its own key for <code className="font-mono text-xs">{baseUrl}</code>. Every key uses your whole fallback chain; caps and model lists
            are per key.
          </>
        }
        action={
          <div className="flex flex-wrap gap-2">
            <ConfigDownloadButton />
            {createButton}
          </div>
        }
      />
      <Card>
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <SkeletonRows rows={3} className="p-5" />
        ) : data.keys.length === 0 ? (
          <EmptyState icon={<KeyIcon className="size-5" />} title="No unified keys yet" action={createButton}>
            Create a key, then point any OpenAI client at your gateway with it. You can revoke it at any time.
          </EmptyState>
        ) : (
          <ApiKeysTable keys={data.keys} onRevoke={setRevoking} onCacheChange={onCacheChange} onEditLimits={setEditing} />
        )}
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
      <NewKeyDialog plaintext={created?.plaintext ?? null} name={created?.key.name ?? ""} onClose={() => setCreated(null)} />
      <EditLimitsDialog apiKey={editing} onClose={() => setEditing(null)} onSaved={onLimitsSaved} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} onRevoked={onRevoked} />
    </>
  );
}
