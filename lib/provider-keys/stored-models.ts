import type { ListedModel, ModelCapability } from "@/lib/providers/model-capabilities";

export type CapabilityMap = Record<string, ModelCapability[]>;

/** A listing as the key's columns keep it: every id (what the dashboard shows) and what each can do. */
export function toStoredModels(listed: readonly ListedModel[]): { models: string[]; modelCapabilities: CapabilityMap } {
  return {
    models: listed.map((m) => m.id),
    modelCapabilities: Object.fromEntries(listed.map((m) => [m.id, m.capabilities])),
  };
}

export function readCapabilityMap(value: unknown): CapabilityMap | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as CapabilityMap) : null;
}
