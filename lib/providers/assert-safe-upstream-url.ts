import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { UnsafeUpstreamError } from "./errors";

export interface SafeUrlOptions {
  /** ALLOW_PRIVATE_UPSTREAMS=true: private addresses and plain http are allowed (self-hosted Ollama). */
  allowPrivate: boolean;
}

/**
 * Refuses custom upstream URLs that could reach the gateway's own network: non-https, or a host
 * resolving (any of its addresses) to loopback, private, link-local or otherwise reserved space.
 * Resolution here and at connect time are separate lookups; pair with network egress rules.
 */
export async function assertSafeUpstreamUrl(url: string, { allowPrivate }: SafeUrlOptions): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeUpstreamError(`"${url}" is not a valid URL.`);
  }
  const httpOk = allowPrivate && parsed.protocol === "http:";
  if (parsed.protocol !== "https:" && !httpOk) {
    throw new UnsafeUpstreamError(
      allowPrivate ? "Upstream URLs must use http or https." : "Upstream URLs must use https (set ALLOW_PRIVATE_UPSTREAMS=true to allow http).",
    );
  }
  if (parsed.username || parsed.password) throw new UnsafeUpstreamError("Upstream URLs must not contain credentials.");
  if (allowPrivate) return parsed;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw new UnsafeUpstreamError(`The host "${host}" could not be resolved.`);
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad !== undefined) {
    throw new UnsafeUpstreamError(
      `The host "${host}" resolves to a private or local address (${bad}); set ALLOW_PRIVATE_UPSTREAMS=true to allow it.`,
    );
  }
  return parsed;
}

export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) return isPrivateV4(address);
  const lower = address.toLowerCase();
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return isPrivateV4(mapped[1]);
  if (lower === "::1" || lower === "::") return true;
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, 64:ff9b::/96 NAT64 of anything.
  return /^(f[cd]|fe[89ab]|ff)/.test(lower) || lower.startsWith("64:ff9b:") || lower.startsWith("2001:db8:");
}

function isPrivateV4(address: string): boolean {
  const [a, b] = address.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}
