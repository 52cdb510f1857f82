import { Field, Input } from "@/components/ui/input";
import type { ApiKey } from "@/lib/client/api-types";

export const CAP_FIELDS = [
  { name: "dailyRequestCap", id: "key-rpd", label: "Requests / day" },
  { name: "dailyTokenCap", id: "key-tpd", label: "Tokens / day" },
  { name: "monthlyRequestCap", id: "key-rpm-month", label: "Requests / month" },
  { name: "monthlyTokenCap", id: "key-tpm-month", label: "Tokens / month" },
] as const;

export type CapName = (typeof CAP_FIELDS)[number]["name"];

export function toCap(raw: FormDataEntryValue | null): number | null {
  const text = String(raw ?? "").replace(/[,_\s]/g, "");
  return text ? Number(text) : null;
}

/** The four caps of a form, as the account API takes them (null: no cap). */
export function capsFrom(form: FormData): Record<CapName, number | null> {
  return Object.fromEntries(CAP_FIELDS.map((field) => [field.name, toCap(form.get(field.name))])) as Record<CapName, number | null>;
}

/** Daily and monthly (calendar month, UTC) caps; empty means no cap. */
export function CapFields({ fieldError, current }: { fieldError: (param: string) => string | null; current?: ApiKey }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {CAP_FIELDS.map((field) => (
        <Field key={field.name} id={field.id} label={field.label} optional error={fieldError(field.name)}>
          <Input
            id={field.id}
            name={field.name}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            placeholder="No cap"
            defaultValue={current?.[field.name] ?? undefined}
            aria-invalid={!!fieldError(field.name) || undefined}
          />
        </Field>
      ))}
    </div>
  );
}
