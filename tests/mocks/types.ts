export type ProfileName = "openai" | "groq" | "gemini" | "openrouter" | "mistral" | "nvidia" | "cerebras" | "kilo";

export interface ModelSpec {
  id: string;
  kind?: "chat" | "embedding";
  /** Emits a reasoning text in the profile's reasoning field before the answer. */
  reasoning?: boolean;
  /** Embedding vector length (embedding models). */
  dimensions?: number;
  /** OpenRouter: zero pricing. Ids ending in `:free` are free by default. */
  free?: boolean;
  /** Gemini: every call answers 429 with `limit: 0` (model has no free quota). */
  notOnFreeTier?: boolean;
  /** NVIDIA: 400 "only supports single tool-calls" unless parallel_tool_calls is false. */
  singleToolCall?: boolean;
  /** Gemini thinking: a max_tokens below this yields empty content and finish "length". */
  thinkingBudget?: number;
}

export interface ErrorReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RateLimitWindow = "minute" | "day";

/** Scripted behaviour for one upcoming request. `model` restricts it to requests for that model. */
export type Fault = FaultShape & FaultMatch;

export interface FaultMatch {
  model?: string;
  /** Which endpoints consume it; default chat and embeddings (never GET /models). */
  endpoint?: "chat" | "embeddings" | "models" | "any";
  /** How many requests it applies to before it is used up (queue entries only); default 1. */
  times?: number;
}

export type FaultShape =
  | { kind: "ok" }
  | {
      kind: "rate-limit";
      /** "day" = daily quota spent (OpenRouter free-models-per-day, Gemini PerDay, Groq TPD...). */
      window?: RateLimitWindow;
      /** Retry hint in seconds, rendered in the provider's own format. */
      retryAfterSeconds?: number;
      /**
       * "upstream-pool": OpenRouter upstream shared pool body. "not-free-tier": Gemini `limit: 0`.
       * "bare": Gemini short RESOURCE_EXHAUSTED body. "legacy": Mistral 2025 `{message}` body.
       * "high-balance": OpenRouter free-models-per-day-high-balance variant.
       */
      variant?: "upstream-pool" | "not-free-tier" | "bare" | "legacy" | "high-balance";
      /** Gemini: wrap the body in an array (default: the mock's geminiArrayErrors). */
      arrayWrapped?: boolean;
    }
  | { kind: "bad-key" }
  | { kind: "payment-required" }
  | { kind: "model-gone" }
  | { kind: "too-large" }
  | { kind: "server-error"; status?: 500 | 502 | 503 }
  | { kind: "degraded" }
  | { kind: "http"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "hang" }
  | { kind: "reset" }
  | { kind: "stream-cut"; afterChunks?: number }
  | { kind: "stream-error"; afterChunks?: number; message?: string }
  | {
      kind: "slow";
      beforeHeadersMs?: number;
      beforeFirstChunkMs?: number;
      betweenChunksMs?: number;
    };

export type FaultKind = FaultShape["kind"];

export interface StreamDialect {
  /** Gemini omits `index` on tool-call deltas. */
  toolCallIndex: boolean;
  /** Gemini sends each tool call whole in one delta instead of argument fragments. */
  toolCallsWhole: boolean;
  /** Gemini says "stop" after tool calls. */
  finishReasonAfterTools: "tool_calls" | "stop";
  /**
   * "include_usage": only with stream_options.include_usage, as a trailing `choices: []` chunk.
   * "final-chunk": always on the chunk carrying finish_reason (Mistral, Gemini).
   * "always-trailing": always as a trailing `choices: []` chunk (OpenRouter).
   */
  usage: "include_usage" | "final-chunk" | "always-trailing";
  /** SSE comment line sent before the first event (OpenRouter keep-alive). */
  keepAliveComment?: string;
  /** Groq: `x_groq.id` on the first chunk and `x_groq.usage` on the final one. */
  xGroq?: boolean;
  /** Some OpenAI-compatible servers (custom endpoints) ignore `stream` and answer every completion as JSON. */
  ignoresStream?: boolean;
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string } }>;
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface ChatTool {
  type?: string;
  function?: { name?: string; description?: string; parameters?: unknown; strict?: boolean };
}

export interface ChatRequestBody {
  model?: string;
  messages?: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } & Record<string, unknown>;
  tools?: ChatTool[];
  response_format?: { type?: string; json_schema?: { schema?: unknown } };
  max_tokens?: number;
  max_completion_tokens?: number;
  parallel_tool_calls?: boolean;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to the mock's base URL, e.g. "/chat/completions". */
  path: string;
  /** Full request path including the base path and query. */
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty / not JSON. */
  body: unknown;
  rawBody: string;
  model?: string;
  /** The fault applied to this request, if any. */
  fault?: FaultKind;
  /** The client closed the connection before the answer was complete. */
  clientClosed?: boolean;
  receivedAt: number;
}

export interface MockProviderOptions {
  profile: ProfileName;
  /** Accepted API keys; default the profile's test key (e.g. "gsk_test"). */
  keys?: string[];
  /** Served model ids (replaces the profile's list; unknown ids get plain chat specs). */
  models?: Array<string | ModelSpec>;
  port?: number;
  host?: string;
  /** Override the profile's base path (e.g. "/compatibility/v1" for Cohere on the openai profile). */
  basePath?: string;
  /** Name used in echoed content, default the profile name (e.g. "cohere" on the openai profile). */
  label?: string;
  faults?: Fault[];
  defaultFault?: Fault;
  /** Benchmark mode: fixed minimal answers, no request log, no artificial latency. */
  zeroLatency?: boolean;
  /** Delay between stream chunks (ms), default 0. */
  chunkDelayMs?: number;
  /** Overrides for the profile's streaming dialect (for quirks marked not verified). */
  stream?: Partial<StreamDialect>;
  /** Gemini: wrap error bodies in `[ ... ]` as the compat endpoint does; default true. */
  geminiArrayErrors?: boolean;
}
