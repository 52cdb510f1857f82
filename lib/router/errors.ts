import type { AttemptRecord } from "./types";

export type GatewayErrorCode =
  | "all_providers_exhausted"
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
  providers?: ProviderState[];
  attempts?: AttemptRecord[];
}

/** The router's failures. Knows nothing of HTTP; the route layer maps `code` to a status. */
export class GatewayError extends Error {
  readonly param: string | null;
  readonly retryAfterSeconds: number | null;
  readonly providers: ProviderState[];
  /** Upstream calls made before giving up (for usage logs). */
  readonly attempts: AttemptRecord[];

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = "GatewayError";
    this.param = details.param ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.providers = details.providers ?? [];
    this.attempts = details.attempts ?? [];
  }
}

export const NO_PROVIDER_KEYS_MESSAGE =
  "You have no active provider keys. Add one in the dashboard (Providers) or with `npm run admin -- provider-key:add`.";
