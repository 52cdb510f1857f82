/** Stands in for the key in a file downloaded when no new key is on screen. */
export const KEY_PLACEHOLDER = "freellmapi-YOUR-UNIFIED-KEY";

export interface FreellmapiConfig {
  endpoint: string;
  unified_key: string;
  fallback_chain: string[];
  request: { model: "auto"; messages: { role: "user"; content: string }[] };
}

/**
 * The `freellmapi.json` client config of the published setup guides: the gateway's base URL,
 * a unified key, the chain's enabled providers in order, and a sample request.
 */
export function buildFreellmapiConfig(input: {
  baseUrl: string;
  chain: readonly { providerId: string; enabled: boolean }[];
  plaintext?: string | null;
}): FreellmapiConfig {
  return {
    endpoint: input.baseUrl,
    unified_key: input.plaintext || KEY_PLACEHOLDER,
    fallback_chain: [...new Set(input.chain.filter((entry) => entry.enabled).map((entry) => entry.providerId))],
    request: { model: "auto", messages: [{ role: "user", content: "Say hello in one short sentence." }] },
  };
}
