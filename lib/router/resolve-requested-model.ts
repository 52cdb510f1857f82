import { isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import type { ProviderId } from "@/lib/providers/types";
import { INTENT_NAMES, type ModelIntent } from "./model-intents";
import type { ProviderKey } from "./types";

export type MetaModel = "auto" | "free" | "free-fast" | "free-smart" | ModelIntent;
export const META_MODELS: readonly MetaModel[] = ["auto", "free", "free-fast", "free-smart", ...INTENT_NAMES];

export type RequestedModel = { kind: "meta"; meta: MetaModel } | { kind: "provider"; providerId: ProviderId; model: string } | { kind: "bare"; model: string };

/**
 * `provider/model` only when the prefix is a provider id and the rest is a model it serves (or could:
 * unknown ids pass through). Model ids contain slashes themselves (`nvidia/nemotron…:free` on
 * OpenRouter), so a known full id wins over a provider-prefix reading.
 */
export function resolveRequestedModel(requested: string, keys: readonly ProviderKey[]): RequestedModel {
  if ((META_MODELS as readonly string[]).includes(requested)) return { kind: "meta", meta: requested as MetaModel };
  const slash = requested.indexOf("/");
  if (slash > 0) {
    const prefix = requested.slice(0, slash);
    const rest = requested.slice(slash + 1);
    if (isProviderId(prefix) && servedBy(prefix, rest, keys)) return { kind: "provider", providerId: prefix, model: rest };
    if (isKnownAnywhere(requested, keys)) return { kind: "bare", model: requested };
    if (isProviderId(prefix)) return { kind: "provider", providerId: prefix, model: rest };
  }
  return { kind: "bare", model: requested };
}

export function servedBy(providerId: ProviderId, model: string, keys: readonly ProviderKey[]): boolean {
  if (PROVIDERS[providerId].models.some((m) => m.id === model)) return true;
  return keys.some((k) => k.providerId === providerId && k.models?.includes(model));
}

function isKnownAnywhere(model: string, keys: readonly ProviderKey[]): boolean {
  return Object.values(PROVIDERS).some((p) => p.models.some((m) => m.id === model)) || keys.some((k) => k.models?.includes(model));
}
