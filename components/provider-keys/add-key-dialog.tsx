"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { CheckIcon, ExternalIcon } from "@/components/ui/icons";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { CatalogProvider, ProviderKey } from "@/lib/client/api-types";
import { formatLimits } from "@/lib/client/format";
import { ModelList } from "./model-list";
import { SecretInput } from "./secret-input";

interface Props {
  open: boolean;
  onClose: () => void;
  catalog: CatalogProvider[];
  initialProviderId?: string;
  onAdded: (key: ProviderKey) => void;
}

// The server's limits (lib/provider-keys/schemas), so the browser stops typing where the server would refuse.
const LABEL_MAX = 64;
const KEY_MAX = 4096;
const BASE_URL_MAX = 2048;

type Errors = { key?: string; baseUrl?: string; label?: string; form?: string };

export function AddKeyDialog({ open, onClose, catalog, initialProviderId, onAdded }: Props) {
  const [providerId, setProviderId] = useState(initialProviderId ?? catalog[0]?.id ?? "");
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [added, setAdded] = useState<{ name: string; models: string[] } | null>(null);
  const provider = catalog.find((item) => item.id === providerId) ?? catalog[0];

  function close() {
    setAdded(null);
    setErrors({});
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!provider) return;
    const form = new FormData(event.currentTarget);
    const key = String(form.get("key") ?? "").trim();
    const label = String(form.get("label") ?? "").trim();
    const baseUrl = String(form.get("baseUrl") ?? "").trim();
    if (!key) return setErrors({ key: "Paste the key you copied from the provider." });
    if (provider.requiresBaseUrl && !baseUrl) return setErrors({ baseUrl: "Enter the base URL of your OpenAI-compatible server." });
    setPending(true);
    setErrors({});
    try {
      const body = { providerId: provider.id, key, ...(label ? { label } : {}), ...(provider.requiresBaseUrl ? { baseUrl } : {}) };
      const result = await apiFetch<{ key: ProviderKey; models: string[] }>("/api/account/provider-keys", { method: "POST", body });
      onAdded(result.key);
      setAdded({ name: provider.name, models: result.models });
      toast.success(`${provider.name} key added`, { description: `${result.models.length} ${result.models.length === 1 ? "model" : "models"} available.` });
    } catch (caught) {
      const error = caught as ApiError;
      const field =
        error.param === "baseUrl"
          ? "baseUrl"
          : error.param === "label"
            ? "label"
            : error.code === "provider_key_rejected" || error.code === "duplicate_key" || error.param === "key"
              ? "key"
              : "form";
      setErrors({ [field]: errorMessage(error) });
    } finally {
      setPending(false);
    }
  }

  if (added) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={`${added.name} is connected`}
        description="The key works and is stored encrypted. It was added to the end of your fallback chain."
        footer={<Button onClick={close}>Done</Button>}
      >
        <div className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400">
          <CheckIcon /> {added.models.length} {added.models.length === 1 ? "model" : "models"} found
        </div>
        <ModelList models={added.models} className="mt-3 max-h-56" label={`Models found for ${added.name}`} />
      </Dialog>
    );
  }

  const limits = provider ? formatLimits({ ...provider.limits, note: null }) : "";
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!pending}
      title="Add a provider key"
      description="We check the key with the provider before saving it. It is encrypted and never shown again."
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {errors.form && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300">
            {errors.form}
          </p>
        )}
        <Field id="provider" label="Provider">
          <Select
            id="provider"
            name="provider"
            value={provider?.id ?? ""}
            onChange={(event) => {
              setProviderId(event.target.value);
              setErrors({});
            }}
          >
            {catalog.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </Select>
        </Field>
        {provider && (
          <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2.5 text-sm dark:border-zinc-800 dark:bg-zinc-950/60">
            <div className="min-w-0 text-zinc-600 dark:text-zinc-400">
              <p>{limits ? `Free tier: ${limits}` : "Free-tier limits are set per model."}</p>
              {provider.limits.note && <p className="mt-0.5 text-xs text-zinc-500">{provider.limits.note}</p>}
            </div>
            {provider.keyUrl && (
              <a
                href={provider.keyUrl}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline dark:text-brand-500"
              >
                Get a free key <ExternalIcon className="size-3.5" />
                <span className="sr-only">(opens {provider.name} in a new tab)</span>
              </a>
            )}
          </div>
        )}
        {provider?.requiresBaseUrl && (
          <Field id="baseUrl" label="Base URL" hint="An https OpenAI-compatible endpoint, e.g. https://api.example.com/v1" error={errors.baseUrl}>
            <Input
              id="baseUrl"
              name="baseUrl"
              type="url"
              maxLength={BASE_URL_MAX}
              placeholder="https://api.example.com/v1"
              aria-invalid={!!errors.baseUrl}
              aria-describedby={errors.baseUrl ? "baseUrl-error" : "baseUrl-hint"}
            />
          </Field>
        )}
        <Field
          id="key"
          label="API key"
          hint={provider?.keyHint ? `Looks like ${provider.keyHint}` : "Paste the key exactly as the provider shows it."}
          error={errors.key}
        >
          <SecretInput
            id="key"
            name="key"
            maxLength={KEY_MAX}
            placeholder={provider?.keyHint ?? "Paste your key"}
            aria-invalid={!!errors.key}
            aria-describedby={errors.key ? "key-error" : "key-hint"}
          />
        </Field>
        <Field id="label" label="Label" optional hint="Helps you tell keys apart, e.g. “work account”." error={errors.label}>
          <Input id="label" name="label" maxLength={LABEL_MAX} aria-describedby={errors.label ? "label-error" : "label-hint"} />
        </Field>
        <FormActions onCancel={close} pending={pending} lockWhilePending>
          {pending ? `Checking with ${provider?.name ?? "the provider"}…` : "Check and add key"}
        </FormActions>
      </form>
    </Dialog>
  );
}
