"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";

export function DeleteAccountCard({ email }: { email: string | undefined }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = !!email && typed.trim().toLowerCase() === email.toLowerCase();

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/account", { method: "DELETE", body: { confirmEmail: typed.trim() } });
      toast.success("Your account was deleted");
      await signOut({ callbackUrl: "/" });
    } catch (caught) {
      setPending(false);
      setError(errorMessage(caught));
    }
  }

  function close() {
    if (pending) return;
    setOpen(false);
    setTyped("");
    setError(null);
  }

  return (
    <Card aria-labelledby="danger-title" className="border-red-200 dark:border-red-900/60">
      <CardHeader
        id="danger-title"
        title="Delete account"
        description="Permanently removes your account, provider keys, fallback chain, unified keys and all usage history."
      />
      <CardBody className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Apps using your unified keys stop working at once. This cannot be undone.</p>
        <Button variant="danger" onClick={() => setOpen(true)} disabled={!email}>
          Delete account…
        </Button>
      </CardBody>
      <Dialog
        open={open}
        onClose={close}
        title="Delete your account?"
        description="Everything tied to this account is deleted immediately and cannot be recovered."
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => void remove()} disabled={!matches} loading={pending}>
              Delete my account
            </Button>
          </>
        }
      >
        <Field
          id="confirm-email"
          label={
            <span>
              Type <strong className="font-mono">{email}</strong> to confirm
            </span>
          }
          error={error}
        >
          <Input
            id="confirm-email"
            type="email"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? "confirm-email-error" : undefined}
          />
        </Field>
      </Dialog>
    </Card>
  );
}
