/**
 * The one redactor for text that may carry a secret: log lines, and whatever a provider sends
 * back (stored as a key's status reason, shown in gateway errors and the dashboard).
 */
const PREFIXED = /\b(freellmapi-|sk-or-v1-|sk-ant-|sk-proj-|sk-|gsk_|nvapi-|csk-|xai-|AIza|hf_|r8_|pplx-|fw_|ghp_|gho_|github_pat_)[A-Za-z0-9_-]{8,}/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const QUERY_SECRET = /([?&](?:key|api_key|apikey|token|access_token)=)[^&\s"']+/gi;
// Unprefixed keys (Mistral, Cohere, Cloudflare): long runs mixing letters and digits.
const LONG_TOKEN = /\b[A-Za-z0-9_]{32,}\b/g;

export const REDACTED = "[redacted]";
/** Upstream text kept for storage or display. */
export const UPSTREAM_TEXT_MAX = 500;

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  return out
    .replace(PREFIXED, (_match, prefix: string) => `${prefix}${REDACTED}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(QUERY_SECRET, (_match, name: string) => `${name}${REDACTED}`)
    .replace(LONG_TOKEN, (run) => (/[0-9]/.test(run) && /[A-Za-z]/.test(run) ? REDACTED : run));
}

/** What a provider sent back, fit to store or show: redacted (the key used too), then capped. */
export function upstreamText(text: string, knownSecrets: readonly string[] = []): string {
  const clean = redactSecrets(text, knownSecrets);
  return clean.length > UPSTREAM_TEXT_MAX ? `${clean.slice(0, UPSTREAM_TEXT_MAX - 1)}…` : clean;
}
