import { PROVIDERS, PROVIDER_IDS, type FreeTierLimits, type ProviderDefinition } from "@/lib/providers";

export interface LimitsView {
  rpm: number | null;
  rpd: number | null;
  tpm: number | null;
  tpd: number | null;
  window: FreeTierLimits["window"];
  note: string | null;
}

/** Catalog limits with provenance reduced to plain numbers for the dashboard. */
export function limitsView(provider: ProviderDefinition, modelId?: string | null): LimitsView {
  const model = modelId ? provider.models.find((m) => m.id === modelId) : undefined;
  const pick = (name: "rpm" | "rpd" | "tpm" | "tpd") => model?.limits?.[name]?.value ?? provider.limits[name]?.value ?? null;
  return { rpm: pick("rpm"), rpd: pick("rpd"), tpm: pick("tpm"), tpd: pick("tpd"), window: provider.limits.window, note: provider.limits.note ?? null };
}

export type CatalogProviderView = ReturnType<typeof listProviderCatalog>[number];

export function listProviderCatalog() {
  return PROVIDER_IDS.map((id) => {
    const provider = PROVIDERS[id];
    return {
      id,
      name: provider.name,
      keyUrl: provider.keyUrl,
      trainsOnFreeTier: provider.trainsOnFreeTier,
      requiresBaseUrl: provider.userEndpoint === true,
      keyHint: provider.keyHint ?? null,
      limits: limitsView(provider),
      models: provider.models.map((m) => ({ id: m.id, contextWindow: m.contextWindow, tools: m.tools, vision: m.vision, reasoning: m.reasoning })),
    };
  });
}
