import { ProviderConfigError } from "./errors";
import { getProvider } from "./registry";
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
  const base = keyBaseUrl || override || provider.baseUrl;
  if (!base) throw new ProviderConfigError(`Provider ${providerId} needs a base URL on the key.`);
  const { baseUrl, token } = provider.credentials ? provider.credentials(secret, base) : { baseUrl: base, token: secret };
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  else if (provider.auth === "bearer") throw new ProviderConfigError(`Provider ${providerId} needs an API key.`);
  Object.assign(headers, provider.headers);
  return { baseUrl: baseUrl.replace(/\/+$/, ""), headers, credential: token, operatorConfigured: Boolean(override) };
}
