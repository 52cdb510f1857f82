"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError, apiFetch } from "@/lib/client/api-fetch";
import type { ApiKey } from "@/lib/client/api-types";
import { CapFields, capsFrom } from "./cap-fields";

/** Changes a key's daily and monthly caps (PATCH /api/account/api-keys/:id). */
export function EditLimitsDialog({ apiKey, onClose, onSaved }: { apiKey: ApiKey | null; onClose: () => void; onSaved: (key: ApiKey) => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; param?: string } | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!apiKey) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const { key } = await apiFetch<{ key: ApiKey }>(`/api/account/api-keys/${encodeURIComponent(apiKey.id)}`, { method: "PATCH", body: capsFrom(form) });
      toast.success(`Saved the limits of “${key.name}”`);
      onSaved(key);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : null;
      setError({ message: apiError?.param ? apiError.message.replace(/^[\w.]+: /, "") : (caught as Error).message, param: apiError?.param });
    } finally {
      setPending(false);
    }
  }

  const fieldError = (param: string) => (error?.param === param ? error.message : null);

  return (
    <Dialog
      open={apiKey !== null}
      onClose={close}
      title={`Limits of “${apiKey?.name ?? ""}”`}
      description="Empty means no cap. Months are calendar months in UTC."
      className="max-w-xl"
    >
      <form key={apiKey?.id} onSubmit={onSubmit} onInput={() => error && setError(null)} className="space-y-4" noValidate>
        <CapFields fieldError={fieldError} current={apiKey ?? undefined} />
        {error && !error.param && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error.message}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save limits
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
