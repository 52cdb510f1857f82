"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert } from "@/components/ui/form-alert";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiKey } from "@/lib/client/api-types";
import { useFormError } from "@/lib/client/use-form-error";
import { CapFields, capsFrom } from "./cap-fields";

/** Changes a key's daily and monthly caps (PATCH /api/account/api-keys/:id). */
export function EditLimitsDialog({ apiKey, onClose, onSaved }: { apiKey: ApiKey | null; onClose: () => void; onSaved: (key: ApiKey) => void }) {
  const [pending, setPending] = useState(false);
  const { error, fieldError, formError, clear, fail } = useFormError();

  function close() {
    clear();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!apiKey) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    clear();
    try {
      const { key } = await apiFetch<{ key: ApiKey }>(`/api/account/api-keys/${encodeURIComponent(apiKey.id)}`, { method: "PATCH", body: capsFrom(form) });
      toast.success(`Saved the limits of “${key.name}”`);
      onSaved(key);
    } catch (caught) {
      fail(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={apiKey !== null}
      onClose={close}
      title={`Limits of “${apiKey?.name ?? ""}”`}
      description="Empty means no cap. Months are calendar months in UTC."
      className="max-w-xl"
    >
      <form key={apiKey?.id} onSubmit={onSubmit} onInput={() => error && clear()} className="space-y-4" noValidate>
        <CapFields fieldError={fieldError} current={apiKey ?? undefined} />
        <FormAlert message={formError} />
        <FormActions onCancel={close} pending={pending}>
          Save limits
        </FormActions>
      </form>
    </Dialog>
  );
}
