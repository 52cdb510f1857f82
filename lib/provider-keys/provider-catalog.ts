import { PROVIDERS, PROVIDER_IDS, type FreeTierLimits, type ProviderDefinition, type ProviderId } from "@/lib/providers";

/** What a key looks like, so the form can catch a key pasted into the wrong provider. */
const KEY_HINTS: Partial<Record<ProviderId, string>> = {
  openrouter: "sk-or-v1-…",
  gemini: "AIza…",
  groq: "gsk_…",
  cerebras: "csk-…",
  nvidia: "nvapi-…",
  huggingface: "hf_…",
  cloudflare: "accountId:token",
};

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

export function listProviderCatalog() {
  return PROVIDER_IDS.map((id) => {
    const provider = PROVIDERS[id];
    return {
      id,
      name: provider.name,
      keyUrl: provider.keyUrl,
      trainsOnFreeTier: provider.trainsOnFreeTier,
      requiresBaseUrl: id === "custom",
      keyHint: KEY_HINTS[id] ?? null,
      limits: limitsView(provider),
      models: provider.models.map((m) => ({ id: m.id, contextWindow: m.contextWindow, tools: m.tools, vision: m.vision, reasoning: m.reasoning })),
    };
  });
}
