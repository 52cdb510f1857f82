/**
 * Every internal state the dashboard can show (router block reasons, attempt outcomes, chain
 * and key statuses, error codes), in words a person reads: a label, why it happens and what to
 * do. One table, so a new state is named once and never leaks as `snake_case`.
 */
export interface StateText {
  label: string;
  why?: string;
  next?: string;
}

const STATES: Record<string, StateText> = {
  ok: { label: "Answered" },
  success: { label: "Answered" },
  ready: { label: "Ready" },
  rate_limited: {
    label: "Rate limited",
    why: "The provider asked for a short pause (requests or tokens per minute).",
    next: "It comes back on its own within a minute or so.",
  },
  rate_limited_short: {
    label: "Rate limited",
    why: "The provider asked for a short pause (requests or tokens per minute).",
    next: "It comes back on its own within a minute or so.",
  },
  cooling_down: { label: "Cooling down", why: "Paused briefly after a rate limit.", next: "Nothing to do: it is retried when the pause ends." },
  quota_exhausted: {
    label: "Daily quota used up",
    why: "The free tier's daily allowance is spent.",
    next: "It returns when the provider's window resets; add another key to stack more.",
  },
  quota_exhausted_day: {
    label: "Daily quota used up",
    why: "The free tier's daily allowance is spent.",
    next: "It returns when the provider's window resets; add another key to stack more.",
  },
  limit_reached: { label: "Free limit reached", why: "freellmapi counted this key's free-tier limit as spent.", next: "It returns when the window resets." },
  benched: { label: "Benched", why: "Kept out of rotation until its window resets.", next: "The chain's next provider answers meanwhile." },
  not_on_free_tier: {
    label: "Not on the free tier",
    why: "This key cannot use this model for free (or the account has no credits).",
    next: "Pick another model or check the provider's plan; it is retried in a day.",
  },
  model_gone: { label: "Model unavailable", why: "The provider no longer serves this model.", next: "Pin another model in the chain." },
  model_not_found: {
    label: "Model unavailable",
    why: "No provider in your chain serves this model.",
    next: 'Use model "auto" or a model from the Chain page.',
  },
  auth_invalid: { label: "Key rejected", why: "The provider refused the key.", next: "Replace the key on the Provider keys page." },
  invalid_key: { label: "Invalid key", why: "The provider refused the key.", next: "Replace the key on the Provider keys page." },
  invalid_keys: { label: "Invalid keys", why: "Every key of this provider was refused.", next: "Replace them on the Provider keys page." },
  invalid: { label: "Invalid", why: "The provider refused the key.", next: "Replace the key." },
  active: { label: "Active" },
  disabled: { label: "Disabled" },
  no_keys: { label: "No keys", next: "Add a key for this provider on the Provider keys page." },
  circuit_open: { label: "Failing", why: "Several answers in a row failed, so it is paused for 30 s.", next: "It is probed again on its own." },
  breaker_open: { label: "Failing", why: "Several answers in a row failed, so it is paused for 30 s.", next: "It is probed again on its own." },
  half_open: { label: "Recovering", why: "One trial request is allowed after failures." },
  provider_unhealthy: { label: "Provider error", why: "The provider answered with a server error, timed out or broke the stream." },
  request_too_large: { label: "Too large for this provider", why: "The prompt exceeds this provider's context or token limit." },
  bad_request_provider_specific: { label: "Refused by this provider", why: "This provider rejected a feature of the request that others may accept." },
  not_free: { label: "Not on the free tier", why: "This key cannot use this model for free." },
  too_large: { label: "Too large for this provider" },
  unhealthy: { label: "Provider error" },
  bad_request: { label: "Refused by this provider" },
  network_error: { label: "Could not reach freellmapi" },
  not_tried: { label: "Not tried" },
  skipped: { label: "Skipped" },
  client_closed: { label: "Stopped", why: "The caller closed the connection before the answer ended." },
  aborted: { label: "Stopped", why: "The caller closed the connection before the answer ended." },
  all_providers_exhausted: {
    label: "No provider answered",
    why: "Every provider in the chain was rate limited, out of quota or failing.",
    next: "Add keys or providers to the chain, or wait for a reset (see Capacity).",
  },
  no_provider_keys: { label: "No provider keys", why: "There is no key to call a provider with.", next: "Add a provider key." },
  rate_limit_exceeded: {
    label: "Over your own limit",
    why: "A limit you set on this unified key (or the gateway's) was hit.",
    next: "Raise the key's limit or wait.",
  },
  quota_exceeded: {
    label: "Monthly budget used",
    why: "The monthly request or token cap you set on this unified key is used up.",
    next: "Raise the key's monthly cap or wait for next month (UTC).",
  },
  upstream_error: { label: "Provider error" },
  upstream_stream_error: { label: "Stream broke", why: "The provider's stream ended early." },
  provider_request_failed: { label: "Provider error" },
  unsafe_upstream: { label: "Address refused", why: "The custom base URL points somewhere freellmapi will not call.", next: "Use a public HTTPS address." },
  invalid_request: { label: "Invalid request" },
  internal_error: { label: "Gateway error" },
};

const humanize = (code: string) => {
  const words = code.replaceAll(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The words for a state code; unknown codes are at least un-snake-cased. */
export function describeState(code: string | null | undefined): StateText {
  if (!code) return { label: "—" };
  return STATES[code] ?? STATES[code.replaceAll(" ", "_")] ?? { label: humanize(code) };
}

export const stateLabel = (code: string | null | undefined) => describeState(code).label;

/** Why and what next in one line, for a tooltip or a second line. */
export function stateHint(code: string | null | undefined): string | undefined {
  const { why, next } = describeState(code);
  return [why, next].filter(Boolean).join(" ") || undefined;
}

/** UsageDaily's provider id for requests nobody answered (lib/usage/recorder NO_PROVIDER). */
export const NO_PROVIDER = "none";
export const NO_PROVIDER_LABEL = "No provider answered";
/** Failures get their own colour, never one from the providers' palette. */
export const FAILURE_COLOR = "#dc2626";

export const isNoProvider = (id: string | null | undefined) => id === NO_PROVIDER;
/** UsageDaily's provider id for requests the response cache answered (lib/usage/recorder CACHE_PROVIDER). */
export const CACHE_PROVIDER = "cache";
export const CACHE_PROVIDER_LABEL = "Response cache";
