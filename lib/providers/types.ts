import type { FailureKind } from "./classify-error";
import type { ProviderId } from "./index";

/** The id of one of the providers listed in `lib/providers/index.ts`. */
export type { ProviderId };

/** How a provider's longer window resets; `monthly` windows are counted in the `*pd` fields. */
export type ResetWindow = "rolling" | "utc-day" | "pacific-day" | "monthly";

/** A published or observed number, with where it came from and when. */
export interface LimitValue {
  value: number;
  source: string;
  asOf: string;
}

export interface FreeTierLimits {
  rpm?: LimitValue;
  /** Requests per day, or per month when `window` is `monthly`. */
  rpd?: LimitValue;
  tpm?: LimitValue;
  /** Tokens per day, or per month when `window` is `monthly`. */
  tpd?: LimitValue;
  window: ResetWindow;
  /** Anything that does not fit the numbers (credits, neurons, GPU time). */
  note?: string;
}

export interface ModelSpec {
  id: string;
  /** Same weights under another provider's id, so a named model can fail over across providers. */
  family?: string;
  contextWindow: number;
  maxOutput: number;
  tools: boolean;
  vision: boolean;
  jsonMode: boolean;
  reasoning: boolean;
  /** Higher is more capable; orders `free-smart`. */
  rank: number;
  /** Total parameters in billions, only where the model's id or its maker publishes it; for `free-large` / `free-small`. */
  params?: number;
  /** Per key+model limits where the provider counts per model. */
  limits?: Omit<FreeTierLimits, "window">;
  /** reasoning_effort that keeps thinking from eating a small max_tokens (Gemini). */
  lowThinkingEffort?: string;
  /** The model rejects system messages; fold them into the first user turn. */
  noSystemRole?: boolean;
}

export interface EmbeddingModelSpec {
  id: string;
  dimensions: number;
  /** Extra body fields this model requires (NVIDIA asymmetric models want input_type). */
  extraBody?: Record<string, unknown>;
}

export interface ProviderDefinition {
  id: ProviderId;
  name: string;
  /** Default OpenAI-compatible base URL, without trailing slash; may contain `{account_id}`. */
  baseUrl: string;
  baseUrlEnv: string;
  /** `bearer-optional`: anonymous calls work for free routes (Kilo). */
  auth: "bearer" | "bearer-optional";
  keyUrl: string;
  /** Whether free-tier prompts may be used for training; `unknown` counts as may-train for `no-training`. */
  trainsOnFreeTier: boolean | "unknown";
  /** Limits that apply to the whole key/account (OpenRouter, Cohere, Cloudflare...). */
  limits: FreeTierLimits;
  models: ModelSpec[];
  embeddingModels: EmbeddingModelSpec[];
  /** Name of the output-length field the provider wants. */
  maxTokensField: "max_tokens" | "max_completion_tokens";
  /** Accepts `stream_options.include_usage`. */
  acceptsStreamOptions: boolean;
  /** `key`: quotas count per account, so a spent daily/credit quota benches the key for every model. */
  quotaScope: "key" | "model";
  /** Other names guides and tools use for it (`google`, `nim`); the id itself matches too. */
  aliases?: string[];
  /** What a key looks like, so the form can catch a key pasted into the wrong provider. */
  keyHint?: string;
  /**
   * The user's own endpoint: the key carries its base URL and models, the catalog knows no limits
   * for it, and `no-training` keeps it in the chain (the user decides where its prompts go).
   */
  userEndpoint?: boolean;
}

export type Body = Record<string, unknown>;

export interface UpstreamChatInput {
  providerId: ProviderId;
  /** The provider's own model id. */
  model: string;
  spec: ModelSpec | undefined;
  /** The client's parsed request body. */
  request: Body;
}

/**
 * What a provider does differently from the OpenAI-compatible base. Every hook is optional: a
 * provider without any is called exactly like OpenAI. See docs/ARCHITECTURE.md, "How to add a provider".
 */
export interface ProviderQuirks {
  /** URL and auth for one key, when the key is more than a bearer token (Cloudflare's `accountId:token`). */
  credentials?(secret: string, baseUrl: string): { baseUrl: string; token: string };
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** Request fields the provider rejects with a 400; removed before sending. */
  droppedParams?: string[];
  /** Output budget when the client sets none (the provider's own default cuts answers short). */
  defaultMaxTokens?: number;
  /** Adjusts the output budget before it is capped at the model's maxOutput (may edit the body). */
  adjustMaxTokens?(body: Body, spec: ModelSpec | undefined, maxTokens: number | undefined): number | undefined;
  /** The last request step: renames, allow-lists, message fixes. May return a new body. */
  transformRequest?(body: Body, input: UpstreamChatInput): Body;
  /** A failure the shared rules do not recognise (checked before the 5xx/400 fallback); `text` is lower case. */
  classifyFailure?(status: number, text: string): FailureKind | null;
  /** A rate-limit text that means a daily or monthly quota rather than a short window; `text` is lower case. */
  isLongQuota?(text: string): boolean;
  /** The model listing's URL, when it is not `<base>/models`. */
  modelsUrl?(baseUrl: string): string;
  /** The model id of one listing entry, when it is not `id` (or `name` without an `id`). */
  listedModelId?(entry: Body): unknown;
  /** Keeps only the entries the free tier may use (OpenRouter and Kilo list paid models too). */
  keepListedModel?(entry: Body): boolean;
}

/** One provider: its catalog entry and its quirks, in `lib/providers/<id>/index.ts`. */
export type ProviderAdapter = ProviderDefinition & ProviderQuirks;
