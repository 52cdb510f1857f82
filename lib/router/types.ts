import type { FailureKind } from "@/lib/providers/classify-error";
import type { ModelCapability } from "@/lib/providers/model-capabilities";
import type { RoutingState } from "@/lib/routing-state/state";

/** One step of the user's fallback chain, in order. */
export interface ChainEntry {
  providerId: string;
  pinnedModel: string | null;
  enabled: boolean;
}

/** A stored provider key; the secret stays encrypted until just before the upstream call. */
export interface ProviderKey {
  id: string;
  providerId: string;
  /** How error bodies name the key to its owner (`providerKeyLabel`). */
  label: string;
  encryptedSecret: string;
  baseUrl: string | null;
  status: "active" | "invalid" | "disabled";
  /** Ids last listed from the provider; null = use the catalog. */
  models: string[] | null;
  /** What each listed id can do (chat, embeddings...); null = guess from the id. */
  capabilities?: Record<string, ModelCapability[]> | null;
}

export type Privacy = "standard" | "no-training";

export interface RouteOptions {
  /** GATEWAY_MAX_ATTEMPTS */
  maxAttempts: number;
  /** GATEWAY_DEADLINE_MS: bounds the search for an answer, not a stream already flowing. */
  deadlineMs: number;
  /** UPSTREAM_CONNECT_TIMEOUT_MS */
  connectTimeoutMs: number;
  /** UPSTREAM_FIRST_BYTE_TIMEOUT_MS: also the longest silence allowed inside a stream. */
  firstByteTimeoutMs: number;
  /** ALLOW_PRIVATE_UPSTREAMS: custom base URLs may be http and private addresses. */
  allowPrivateUpstreams: boolean;
  /** GATEWAY_HEDGE: start the next candidate alongside one that is late with its first token. */
  hedge: boolean;
}

/** `hedge_lost`: aborted because the other of two parallel attempts produced its first token first. */
export type AttemptResult = FailureKind | "ok" | "hedge_lost";

export interface AttemptRecord {
  providerId: string;
  model: string;
  keyId: string;
  result: AttemptResult;
  /** Upstream HTTP status, 0 for network errors, timeouts and broken streams. */
  status: number;
  latencyMs: number;
  /** When the attempt produced its first token (it committed), from its start. */
  firstTokenMs?: number;
  message?: string;
  /** Started in parallel to a late attempt. */
  hedge?: boolean;
}

export interface RouteOutcome {
  requestId: string;
  requestedModel: string;
  providerId: string | null;
  model: string | null;
  keyId: string | null;
  status: "ok" | "error" | "aborted";
  stream: boolean;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** True when the counts are the local ~4 chars/token estimate. */
  usageEstimated: boolean;
  attempts: AttemptRecord[];
  errorCode: string | null;
  /** Answered from the response cache: no provider was called (tokens are zero). */
  cached?: boolean;
}

export interface RouteContext {
  requestId: string;
  chain: ChainEntry[];
  keys: ProviderKey[];
  /** `provider/model` must not be substituted by another provider. */
  strict: boolean;
  privacy: Privacy;
  /** Client disconnect: aborts the upstream call. */
  signal?: AbortSignal;
  decrypt: (envelope: string) => string;
  state: RoutingState;
  onKeyInvalid: (keyId: string, reason: string) => void | Promise<void>;
  onComplete: (outcome: RouteOutcome) => void | Promise<void>;
  options?: Partial<RouteOptions>;
  /** x-freellmapi-wait: how long a request that finds everything cooling down may wait for the soonest reset. */
  waitMs?: number;
  /** Whose chain and keys these are, to tell when another instance changed them (lib/routing-state). */
  freshness?: RoutingFreshness;
  /**
   * The caller's own limits, checked alongside the routing read (one round trip for both with
   * Redis). Nothing is called upstream, and no outcome reported, unless it resolves; its rejection
   * is passed on as it is (the caller answers it).
   */
  admitted?: Promise<void>;
}

export interface RoutingFreshness {
  userId: string;
  /** Whether the chain and keys are still current at the user's routing version just read from the state. */
  isCurrent(version: number): boolean;
  /**
   * The chain and keys read again (and how to tell whether those are current), with the requested
   * model resolved again through the fresh model aliases: another instance may have changed those too.
   */
  reload(): Promise<{ chain: ChainEntry[]; keys: ProviderKey[]; model: string; freshness: RoutingFreshness }>;
}

export type GatewayResponse =
  | { kind: "json"; status: number; body: unknown; headers: Record<string, string> }
  | { kind: "stream"; body: ReadableStream<Uint8Array>; headers: Record<string, string> };

export const DEFAULT_ROUTE_OPTIONS: RouteOptions = {
  maxAttempts: 8,
  deadlineMs: 60_000,
  connectTimeoutMs: 5_000,
  firstByteTimeoutMs: 30_000,
  allowPrivateUpstreams: false,
  hedge: true,
};
