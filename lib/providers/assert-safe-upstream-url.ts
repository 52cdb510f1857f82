import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { UnsafeUpstreamError } from "./errors";
import { blockedAddressRange, describeRange } from "./outbound/address-policy";

export interface SafeUrlOptions {
  /** ALLOW_PRIVATE_UPSTREAMS=true: private addresses and plain http are allowed (self-hosted Ollama). */
  allowPrivate: boolean;
}

/**
 * Refuses custom upstream URLs that could reach the gateway's own network: non-https, or a host
 * resolving (any of its addresses) to a non-public address, so the owner hears why when adding
 * the key. The outbound agent checks the address again at connect time (DNS rebinding).
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
  for (const address of addresses) {
    const range = blockedAddressRange(address);
    if (range === null) continue;
    const subject = address === host ? `The address ${address} is` : `The host "${host}" resolves to ${address},`;
    throw new UnsafeUpstreamError(
      `${subject} a ${describeRange(range)} address, not a public one; set ALLOW_PRIVATE_UPSTREAMS=true to allow private upstreams.`,
    );
  }
  return parsed;
}
