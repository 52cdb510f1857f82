"use client";

import { Select } from "@/components/ui/select";
import type { Usage } from "@/lib/client/api-types";

/** The filter value for traffic without a unified key (lib/usage/schemas DASHBOARD_KEY_FILTER). */
export const DASHBOARD_KEY_FILTER = "dashboard";

export interface UsageFilterValue {
  apiKeyId: string;
  providerId: string;
  model: string;
}

export function UsageFilters({
  filters,
  value,
  onChange,
  nameOf,
}: {
  filters: Usage["filters"] | undefined;
  value: UsageFilterValue;
  onChange: (next: UsageFilterValue) => void;
  nameOf: (id: string) => string;
}) {
  const set = (patch: Partial<UsageFilterValue>) => onChange({ ...value, ...patch });
  return (
    <div className="grid gap-3 sm:grid-cols-3" role="group" aria-label="Filter usage">
      <label className="block space-y-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        <span>Unified key</span>
        <Select value={value.apiKeyId} onChange={(event) => set({ apiKeyId: event.target.value })} disabled={!filters}>
          <option value="">All keys</option>
          <option value={DASHBOARD_KEY_FILTER}>Dashboard (playground)</option>
          {filters?.apiKeys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="block space-y-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        <span>Provider</span>
        <Select value={value.providerId} onChange={(event) => set({ providerId: event.target.value })} disabled={!filters}>
          <option value="">All providers</option>
          {filters?.providers.map((provider) => (
            <option key={provider} value={provider}>
              {nameOf(provider)}
            </option>
          ))}
        </Select>
      </label>
      <label className="block space-y-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        <span>Model</span>
        <Select value={value.model} onChange={(event) => set({ model: event.target.value })} disabled={!filters}>
          <option value="">All models</option>
          {filters?.models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </Select>
      </label>
    </div>
  );
}
