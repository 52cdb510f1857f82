import type { ClassifiedFailure } from "./classify-error";

/** A custom upstream URL that the gateway refuses to call. */
export class UnsafeUpstreamError extends Error {
  readonly code = "unsafe_upstream";
  constructor(message: string) {
    super(message);
    this.name = "UnsafeUpstreamError";
  }
}

/** A key or base URL that cannot be turned into an upstream call. */
export class ProviderConfigError extends Error {
  readonly code = "provider_config";
  constructor(message: string) {
    super(message);
    this.name = "ProviderConfigError";
  }
}

/** An upstream answered with an error; `failure` says what kind. */
export class ProviderRequestError extends Error {
  readonly code = "provider_request_failed";
  constructor(readonly failure: ClassifiedFailure) {
    super(failure.message);
    this.name = "ProviderRequestError";
  }
}
