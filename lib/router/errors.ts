import { AppError } from "@/lib/errors";
import { redactSecrets } from "@/lib/redact";
import type { AttemptRecord } from "./types";

export type GatewayErrorCode =
  /** Every candidate is rate limited or out of quota: 429, Retry-After the soonest reset. */
  | "all_providers_exhausted"
  /** Candidates failed with upstream errors or timeouts (maybe some rate limited too): 503. */
  | "providers_unavailable"
  /** Every provider rejected the user's keys: fix them in the dashboard; retrying will not help. */
  | "provider_keys_invalid"
  /** The prompt does not fit any candidate's context window. */
  | "context_length_exceeded"
  | "no_provider_keys"
  | "model_not_found"
  | "invalid_request"
  | "client_closed";

/** Where one candidate stood when the request gave up; goes into the error body. */
export interface ProviderState {
  provider: string;
  model: string;
  /** The key as its owner knows it (label and last four characters), never its database id. */
  key: string;
  /** `ok` never appears; the rest name why the candidate did not answer. */
  state: string;
  /** Epoch ms when it may answer again, when known. */
  availableAt: number | null;
  message?: string;
}

interface GatewayErrorDetails {
  param?: string | null;
  retryAfterSeconds?: number | null;
  /** Epoch ms of the soonest reset, when everything is cooling down (for a bounded wait). */
  retryAt?: number | null;
  providers?: ProviderState[];
  attempts?: AttemptRecord[];
}

/** The router's failures. Knows nothing of HTTP; the code table (lib/errors) maps `code` to a status. */
export class GatewayError extends AppError {
  declare readonly code: GatewayErrorCode;
  readonly retryAt: number | null;
  readonly providers: ProviderState[];
  /** Upstream calls made before giving up (for usage logs). */
  readonly attempts: AttemptRecord[];

  constructor(code: GatewayErrorCode, message: string, details: GatewayErrorDetails = {}) {
    super(code, message, details.param ?? null, { retryAfterSeconds: details.retryAfterSeconds ?? null });
    this.name = "GatewayError";
    this.retryAt = details.retryAt ?? null;
    this.providers = details.providers ?? [];
    this.attempts = details.attempts ?? [];
  }

  // Provider texts are redacted where they are classified; once more here, as the body leaves.
  override get publicMessage(): string {
    return redactSecrets(this.message);
  }

  override get details(): Record<string, unknown> {
    if (this.providers.length === 0) return {};
    return { providers: this.providers.map((p) => (p.message ? { ...p, message: redactSecrets(p.message) } : p)) };
  }
}

export const NO_PROVIDER_KEYS_MESSAGE = "You have no active provider keys. Add one in the dashboard (Providers) or with `npm run admin -- provider-key:add`.";

export const INVALID_KEYS_FIX = "Check or replace them in the dashboard (Providers), or with `npm run admin -- provider-key:add`.";
