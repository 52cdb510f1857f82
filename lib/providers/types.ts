export type ProviderId =
  | "openrouter"
  | "gemini"
  | "groq"
  | "cerebras"
  | "mistral"
  | "nvidia"
  | "cohere"
  | "cloudflare"
  | "huggingface"
  | "zai"
  | "ollama"
  | "vercel"
  | "kilo"
  | "custom";

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
  /** Marks free models in its listing (OpenRouter, Kilo): keep only `:free` / zero-priced ones. */
  freeModelFilter?: "openrouter-free";
}
