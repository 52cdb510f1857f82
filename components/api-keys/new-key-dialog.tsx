"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { AlertIcon } from "@/components/ui/icons";
import { ConfigDownloadButton } from "./config-download-button";

/** Shows a freshly created key's secret, the only time it is ever shown. */
export function NewKeyDialog({ plaintext, name, onClose }: { plaintext: string | null; name: string; onClose: () => void }) {
  return (
    <Dialog
      open={plaintext !== null}
      onClose={onClose}
      dismissible={false}
      title={`“${name}” is ready`}
      description="Copy this key now and store it somewhere safe, like a password manager or your app's environment."
    >
      <div className="space-y-4">
        <div
          className="flex gap-2.5 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
          role="note"
        >
          <AlertIcon className="mt-0.5" />
          <p>We only store a hash. This key will not be shown again: if you lose it, revoke it and create a new one.</p>
        </div>
        <div className="flex items-center gap-2">
          <code
            data-testid="new-api-key"
            className="min-w-0 flex-1 rounded-lg bg-zinc-950 px-3 py-2.5 font-mono text-[13px] break-all text-zinc-100 select-all ring-1 ring-zinc-800"
          >
            {plaintext}
          </code>
          <CopyButton value={plaintext ?? ""} label="Copy key" />
        </div>
      </div>
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        {plaintext && <ConfigDownloadButton plaintext={plaintext} />}
        <Button onClick={onClose}>I’ve saved it</Button>
      </div>
    </Dialog>
  );
}
