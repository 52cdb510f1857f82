"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { ApiKey } from "@/lib/client/api-types";

export function RevokeKeyDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKey | null; onClose: () => void; onRevoked: (key: ApiKey) => void }) {
  const [pending, setPending] = useState(false);

  async function revoke() {
    if (!apiKey) return;
    setPending(true);
    try {
      const { key } = await apiFetch<{ key: ApiKey }>(`/api/account/api-keys/${encodeURIComponent(apiKey.id)}`, { method: "DELETE" });
      toast.success(`Revoked “${key.name}”`);
      onRevoked(key);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={apiKey !== null}
      onClose={onClose}
      title={`Revoke “${apiKey?.name ?? ""}”?`}
      description="Apps using this key start getting 401 errors within seconds. This cannot be undone."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" loading={pending} onClick={revoke}>
            Revoke key
          </Button>
        </>
      }
    >
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-300">{apiKey?.start}…</p>
    </Dialog>
  );
}
