"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormAlert } from "@/components/ui/form-alert";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiKey, ModelAlias } from "@/lib/client/api-types";
import { useFormError } from "@/lib/client/use-form-error";

// Names popular clients hard-code, with a sensible target for each.
const PRESETS = [
  { alias: "gpt-4o-mini", target: "free-fast" },
  { alias: "gpt-4o", target: "free-smart" },
  { alias: "text-embedding-3-small", target: "auto" },
  { alias: "claude-*", target: "auto" },
];

interface Props {
  keys: ApiKey[];
  targets: string[];
  onSaved: (alias: ModelAlias) => void;
}

export function AliasForm({ keys, targets, onSaved }: Props) {
  const [alias, setAlias] = useState("");
  const [target, setTarget] = useState("");
  const [apiKeyId, setApiKeyId] = useState("");
  const [pending, setPending] = useState(false);
  const { error, fieldError, formError, clear, fail } = useFormError();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    clear();
    try {
      const { alias: saved } = await apiFetch<{ alias: ModelAlias }>("/api/account/model-aliases", {
        method: "PUT",
        body: { alias, target, apiKeyId: apiKeyId || null },
      });
      toast.success(`${saved.alias} now means ${saved.target}`);
      setAlias("");
      setTarget("");
      onSaved(saved);
    } catch (caught) {
      fail(caught);
    } finally {
      setPending(false);
    }
  }

  const active = keys.filter((key) => !key.revokedAt);

  return (
    <form onSubmit={onSubmit} onInput={() => error && clear()} className="space-y-4" noValidate aria-label="Add a model alias">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="alias-name" label="Name clients send" hint="Exact, or a prefix ending in * (claude-*)." error={fieldError("alias")}>
          <Input
            id="alias-name"
            value={alias}
            onChange={(e) => setAlias(e.target.value)}
            required
            maxLength={200}
            placeholder="gpt-4o-mini"
            className="font-mono"
            aria-invalid={!!fieldError("alias") || undefined}
          />
        </Field>
        <Field id="alias-target" label="Maps to" hint="auto, free-fast, free-smart or a model id." error={fieldError("target")}>
          <Input
            id="alias-target"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            required
            maxLength={200}
            placeholder="free-fast"
            list="alias-targets"
            className="font-mono"
            aria-invalid={!!fieldError("target") || undefined}
          />
          <datalist id="alias-targets">
            {targets.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </Field>
        <Field id="alias-scope" label="For" hint="A key's own alias wins over the account's." error={fieldError("apiKeyId")}>
          <Select id="alias-scope" value={apiKeyId} onChange={(e) => setApiKeyId(e.target.value)}>
            <option value="">Every key</option>
            {active.map((key) => (
              <option key={key.id} value={key.id}>
                Only “{key.name}”
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <FormAlert message={formError} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          <span>Common:</span>
          {PRESETS.map((preset) => (
            <button
              key={preset.alias}
              type="button"
              onClick={() => {
                setAlias(preset.alias);
                setTarget(preset.target);
              }}
              className="rounded-md border border-zinc-200 px-2 py-0.5 font-mono hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {preset.alias} → {preset.target}
            </button>
          ))}
        </div>
        <Button type="submit" loading={pending}>
          Save alias
        </Button>
      </div>
    </form>
  );
}
