import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { upstreamText } from "@/lib/redact";
import {
  PROVIDERS,
  ProviderConfigError,
  ProviderRequestError,
  UnsafeUpstreamError,
  assertSafeUpstreamUrl,
  listModels,
  type FailureKind,
  type ProviderId,
} from "@/lib/providers";
import type { ListedModel } from "@/lib/providers/model-capabilities";

/** `provider_key_rejected`, remembering why: only a bad key (not an outage) makes a stored key invalid. */
export class KeyCheckError extends AppError {
  constructor(
    readonly kind: FailureKind | "config",
    message: string,
  ) {
    super("provider_key_rejected", message, "key");
  }

  get keyIsBad(): boolean {
    return this.kind === "auth_invalid" || this.kind === "config";
  }
}

/** Custom endpoints are checked before any request is made to them. */
export async function assertUsableBaseUrl(providerId: ProviderId, baseUrl: string | null): Promise<string | null> {
  if (!PROVIDERS[providerId].userEndpoint) {
    if (baseUrl) throw new AppError("invalid_request", "Only the custom provider takes a base URL", "baseUrl");
    return null;
  }
  if (!baseUrl) throw new AppError("invalid_request", "The custom provider needs a base URL", "baseUrl");
  try {
    const url = await assertSafeUpstreamUrl(baseUrl, { allowPrivate: getEnv().ALLOW_PRIVATE_UPSTREAMS });
    return url.toString().replace(/\/+$/, "");
  } catch (error) {
    if (error instanceof UnsafeUpstreamError) throw new AppError("unsafe_upstream", error.message, "baseUrl");
    throw error;
  }
}

/**
 * The models a key can use, asked of the provider itself; a rejected or unreachable key
 * becomes `provider_key_rejected` with the provider's own reason, redacted (the key included).
 */
export async function fetchModelsForKey(providerId: ProviderId, secret: string, baseUrl: string | null): Promise<ListedModel[]> {
  const name = PROVIDERS[providerId].name;
  try {
    return await listModels(providerId, secret, baseUrl, { allowPrivateUpstreams: getEnv().ALLOW_PRIVATE_UPSTREAMS });
  } catch (error) {
    if (error instanceof ProviderConfigError) throw new KeyCheckError("config", upstreamText(error.message, [secret]));
    if (!(error instanceof ProviderRequestError)) throw error;
    const { kind, message, status } = error.failure;
    const reason =
      kind === "auth_invalid"
        ? `${name} rejected this key: ${message}`
        : status >= 300 && status < 400
          ? `${name} could not check the key: ${message}`
          : kind === "provider_unhealthy" && status === 0
            ? `${name} could not be reached to check the key (${message}). Try again later.`
            : `${name} did not accept the key check (${kind}): ${message}`;
    throw new KeyCheckError(kind, upstreamText(reason, [secret]));
  }
}
