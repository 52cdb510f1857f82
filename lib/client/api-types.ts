// Shapes of the dashboard JSON API (/api/account/**), as the browser sees them.

/** Limits may arrive as bare numbers or as catalog values with provenance. */
export type LimitNumber = number | { value: number } | null | undefined;

export interface Limits {
  rpm?: LimitNumber;
  rpd?: LimitNumber;
  tpm?: LimitNumber;
  tpd?: LimitNumber;
  window?: string;
  note?: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
  hasPassword: boolean;
}

export interface AuthProviders {
  credentials: boolean;
  github: boolean;
  google: boolean;
  oidc: { name: string } | null;
}

export interface CatalogModel {
  id: string;
  contextWindow: number;
  tools: boolean;
  vision: boolean;
  reasoning: boolean;
}

export interface CatalogProvider {
  id: string;
  name: string;
  keyUrl: string;
  trainsOnFreeTier: boolean | "unknown";
  requiresBaseUrl: boolean;
  keyHint: string | null;
  limits: Limits;
  models: CatalogModel[];
}

export type ProviderKeyStatus = "active" | "invalid" | "disabled";

export interface ProviderKey {
  id: string;
  providerId: string;
  label: string | null;
  lastFour: string;
  baseUrl: string | null;
  status: ProviderKeyStatus;
  statusReason: string | null;
  models: string[];
  createdAt: string;
  lastValidatedAt: string | null;
  lastUsedAt: string | null;
}

export type ChainStatus = "ready" | "cooling_down" | "benched" | "no_keys" | "invalid_keys" | "pin_unavailable";

export interface ChainEntry {
  id: string;
  providerId: string;
  providerName: string;
  position: number;
  pinnedModel: string | null;
  enabled: boolean;
  limits: Limits;
  keyCount: number;
  /** Chat models this entry's keys serve: what the pin select offers. */
  pinnableModels: string[];
  state: { status: ChainStatus; until: string | null; reason: string | null };
}

export interface ApiKey {
  id: string;
  name: string;
  start: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  dailyRequestCap: number | null;
  dailyTokenCap: number | null;
  monthlyRequestCap: number | null;
  monthlyTokenCap: number | null;
  modelAllowlist: string[] | null;
  responseCache: boolean;
  /** This calendar month (UTC), from the usage table; absent on a key just created or edited. */
  usedThisMonth?: { requests: number; tokens: number };
}

export interface UsageDay {
  day: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  errors: number;
  byProvider: Record<string, { requests: number; tokens: number }>;
}

export interface UsageRow {
  day: string;
  providerId: string;
  model: string;
  apiKeyId: string | null;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  errors: number;
}

export interface UsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  errors: number;
}

export interface Usage {
  days: UsageDay[];
  rows: UsageRow[];
  totals: UsageTotals;
  /** Requests by the API they came in on, from the request log. */
  byProtocol: { protocol: RequestLogItem["protocol"]; requests: number; tokens: number }[];
  filters: { providers: string[]; models: string[]; apiKeys: { id: string; name: string }[] };
}

export interface Attempt {
  provider: string;
  model: string;
  keyId: string | null;
  outcome: string;
  status: number | null;
  ms: number | null;
}

export interface RequestLogItem {
  id: string;
  requestId: string;
  createdAt: string;
  apiKeyId: string | null;
  apiKeyName: string | null;
  requestedModel: string;
  providerId: string | null;
  model: string | null;
  status: number;
  stream: boolean;
  /** The wire protocol the request came in on. */
  protocol: "chat_completions" | "embeddings" | "responses" | "messages" | "completions" | "models";
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  attempts: Attempt[];
  errorCode: string | null;
  /** Answered from the response cache: no provider was called. */
  cached: boolean;
}

export type AttentionKind = "invalid_key" | "cooling_down" | "benched" | "circuit_open";

export interface Overview {
  /** `stopped`: requests the caller aborted (not errors); `cached`: answered from the response cache. */
  today: UsageTotals & { stopped: number; cached: number };
  providersToday: { providerId: string; requests: number; tokens: number }[];
  attention: {
    kind: AttentionKind;
    providerId: string;
    keyId: string | null;
    label: string | null;
    lastFour: string | null;
    model: string | null;
    until: string | null;
    reason: string | null;
  }[];
  counts: { providerKeys: number; chainEntries: number; apiKeys: number };
}

// The server's own view types: one definition, erased from the client bundle.
export type { Capacity, CapacityWindow } from "@/lib/capacity";

export interface ModelAlias {
  id: string;
  alias: string;
  target: string;
  /** Null: every unified key of the account. */
  apiKeyId: string | null;
  apiKeyName: string | null;
  createdAt: string;
  updatedAt: string;
}
