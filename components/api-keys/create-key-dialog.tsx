"use client";

import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert } from "@/components/ui/form-alert";
import { Field, Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiKey } from "@/lib/client/api-types";
import { useCatalog } from "@/lib/client/use-catalog";
import { useFormError } from "@/lib/client/use-form-error";
import { CapFields, capsFrom } from "./cap-fields";
import { ModelChips } from "./model-chips";

export interface CreatedKey {
  key: ApiKey;
  plaintext: string;
}

function tomorrow(): string {
  const date = new Date(Date.now() + 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function CreateKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (created: CreatedKey) => void }) {
  const { data: catalog } = useCatalog();
  const [models, setModels] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const { error, fieldError, formError, clear, fail } = useFormError();
  const suggestions = useMemo(() => [...new Set((catalog ?? []).flatMap((provider) => provider.models.map((model) => model.id)))].sort(), [catalog]);

  function close() {
    setModels([]);
    clear();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get("expiresAt") ?? "");
    setPending(true);
    clear();
    try {
      const created = await apiFetch<CreatedKey>("/api/account/api-keys", {
        method: "POST",
        body: {
          name: String(form.get("name") ?? "").trim(),
          // The key works through the whole chosen day, in the person's own time zone.
          expiresAt: expiry ? new Date(`${expiry}T23:59:59`).toISOString() : null,
          ...capsFrom(form),
          modelAllowlist: models,
        },
      });
      setModels([]);
      onCreated(created);
    } catch (caught) {
      if (!fail(caught).param) toast.error((caught as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create a unified key"
      description="One key for all your providers. Limits are optional; leave them empty for no cap."
      className="max-w-xl"
    >
      <form onSubmit={onSubmit} onInput={() => error && clear()} className="space-y-4" noValidate>
        <Field id="key-name" label="Name" hint="Where you'll use it, e.g. “Laptop” or “Staging app”." error={fieldError("name")}>
          <Input
            id="key-name"
            name="name"
            required
            maxLength={64}
            autoFocus
            placeholder="My app"
            aria-invalid={!!fieldError("name") || undefined}
            aria-describedby={fieldError("name") ? "key-name-error" : "key-name-hint"}
          />
        </Field>
        <Field id="key-expiry" label="Expires" optional error={fieldError("expiresAt")}>
          <Input id="key-expiry" name="expiresAt" type="date" min={tomorrow()} aria-invalid={!!fieldError("expiresAt") || undefined} />
        </Field>
        <CapFields fieldError={fieldError} />
        <Field
          id="key-models"
          label="Allowed models"
          optional
          hint="Press Enter or comma after each model id. Empty allows every model in your chain."
          error={error?.param?.startsWith("modelAllowlist") ? error.message : null}
        >
          <ModelChips id="key-models" value={models} onChange={setModels} suggestions={suggestions} />
        </Field>
        <FormAlert message={formError} />
        <FormActions onCancel={close} pending={pending}>
          Create key
        </FormActions>
      </form>
    </Dialog>
  );
}
