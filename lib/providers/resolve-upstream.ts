import { getProvider } from "./catalog";
import { ProviderConfigError } from "./errors";
import type { ProviderId } from "./types";

export interface Upstream {
  /** Base URL without trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  /** The credential sent, so an upstream text echoing it can be redacted. */
  credential: string;
  /** Set by the operator (`<PROVIDER>_BASE_URL`): trusted to be private (mocks, a local proxy). */
  operatorConfigured: boolean;
}

/**
 * Where and how to call a provider with one key. The `<PROVIDER>_BASE_URL` env var is read at
 * call time so tests and self-hosters can point a provider elsewhere; a key's own base URL wins.
 */
export function resolveUpstream(providerId: ProviderId, secret: string, keyBaseUrl?: string | null): Upstream {
  const provider = getProvider(providerId);
  const override = keyBaseUrl ? undefined : process.env[provider.baseUrlEnv];
  let base = keyBaseUrl || override || provider.baseUrl;
  if (!base) throw new ProviderConfigError(`Provider ${providerId} needs a base URL on the key.`);
  let token = secret;
  if (providerId === "cloudflare") {
    const split = splitCloudflareSecret(secret);
    token = split.token;
    if (base.includes("{account_id}")) {
      if (!split.accountId) throw new ProviderConfigError("Cloudflare keys are given as `accountId:token`.");
      base = base.replace("{account_id}", encodeURIComponent(split.accountId));
    }
  }
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  else if (provider.auth === "bearer") throw new ProviderConfigError(`Provider ${providerId} needs an API key.`);
  if (providerId === "openrouter") {
    headers["x-title"] = "freellmapi";
    headers["http-referer"] = "https://github.com/freellmapi";
  }
  return { baseUrl: base.replace(/\/+$/, ""), headers, credential: token, operatorConfigured: Boolean(override) };
}

export function splitCloudflareSecret(secret: string): { accountId: string | null; token: string } {
  const at = secret.indexOf(":");
  if (at <= 0) return { accountId: null, token: secret };
  return { accountId: secret.slice(0, at), token: secret.slice(at + 1) };
}
