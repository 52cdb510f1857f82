import type { ChatRequestBody, ErrorReply, Fault, ModelSpec, ProfileName, StreamDialect } from "../types";

export type RateLimitFault = Extract<Fault, { kind: "rate-limit" }>;

/** What a profile knows about the mock instance when it builds a reply. */
export interface ProfileContext {
  /** Requests answered so far by this mock (drives the remaining-* counters). */
  served: number;
  now: number;
  geminiArrayErrors: boolean;
}

export interface ProviderProfile {
  name: ProfileName;
  basePath: string;
  defaultKeys: string[];
  models: ModelSpec[];
  /** GET /models answers without a key (OpenRouter, Kilo). */
  publicModelList?: boolean;
  /** Requests for these models need no Authorization header (Kilo `:free`). */
  keylessModel?: (model: string) => boolean;
  /** Model ids as requested may carry a prefix (Gemini `models/`). */
  normalizeModel?: (model: string) => string;
  listModels(models: ModelSpec[]): unknown;
  successHeaders(ctx: ProfileContext): Record<string, string>;
  /** Provider-specific request strictness; returns the rejection or undefined. */
  validate?(body: ChatRequestBody, model: ModelSpec, ctx: ProfileContext): ErrorReply | undefined;
  errors: ProfileErrors;
  stream: StreamDialect;
  reasoningField?: "reasoning" | "reasoning_content";
  toolCallId(n: number): string;
  /** Extra fields on each tool call (Gemini `extra_content.google.thought_signature`). */
  toolCallExtra?(n: number): Record<string, unknown>;
  /** Provider-specific extras added to a completion or the final chunk (time_info, provider...). */
  decorate?(target: Record<string, unknown>, final: boolean): void;
}

export interface ProfileErrors {
  badKey(key: string | undefined, ctx: ProfileContext): ErrorReply;
  modelNotFound(model: string, ctx: ProfileContext): ErrorReply;
  rateLimit(fault: RateLimitFault, model: string, ctx: ProfileContext): ErrorReply;
  paymentRequired(model: string, ctx: ProfileContext): ErrorReply;
  tooLarge(model: string, promptTokens: number, ctx: ProfileContext): ErrorReply;
  serverError(status: 500 | 502 | 503, ctx: ProfileContext): ErrorReply;
  degraded(model: string, ctx: ProfileContext): ErrorReply;
  badRequest(message: string, param: string | null, ctx: ProfileContext): ErrorReply;
  /** The event sent inside a 200 stream when the provider fails mid-way. */
  streamError(message: string, base: Record<string, unknown>): Record<string, unknown>;
}
