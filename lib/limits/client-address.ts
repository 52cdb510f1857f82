import net from "node:net";

/**
 * The caller's address for limits. Next.js gives route handlers no socket, so `npm start` loads
 * scripts/next-server-hooks.cjs into the server: it overwrites PEER_HEADER on every request with
 * the socket's address (a client cannot set it) and marks the process with PEER_HOOK_ENV.
 */
export const PEER_HEADER = "x-freellmapi-peer";
export const PEER_HOOK_ENV = "FREELLMAPI_PEER_HOOK";

export type TrustProxy = { kind: "off" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: net.BlockList; text: string };

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

const normalize = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
const family = (address: string) => (net.isIPv6(address) ? "ipv6" : "ipv4");

/**
 * TRUST_PROXY: unset/false = no proxy, the socket address is the client; a number = that many
 * proxies in front (each appends to X-Forwarded-For); a list of addresses or CIDRs = the proxies.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (["", "false", "0", "off", "no"].includes(text.toLowerCase())) return { kind: "off" };
  if (text.toLowerCase() === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  const ranges = new net.BlockList();
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const ip = normalize(address);
    if (extra !== undefined || !net.isIP(ip)) throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR range or a number of hops`);
    if (bits === undefined) {
      ranges.addAddress(ip, family(ip));
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (net.isIPv6(ip) ? 128 : 32)) throw new Error(`TRUST_PROXY: "${entry}" has an invalid prefix length`);
    ranges.addSubnet(ip, prefix, family(ip));
  }
  return { kind: "ranges", ranges, text };
}

let cached: { source: string | undefined; trust: TrustProxy } | undefined;

function trustFromEnv(): TrustProxy {
  const source = process.env.TRUST_PROXY;
  if (!cached || cached.source !== source) cached = { source, trust: parseTrustProxy(source) };
  return cached.trust;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The client's address as far as it can be trusted; "unknown" when nothing is. */
export function clientAddress(headers: HeaderSource, trust: TrustProxy = trustFromEnv(), hookActive = process.env[PEER_HOOK_ENV] === "1"): string {
  const peerHeader = hookActive ? header(headers, PEER_HEADER) : undefined;
  const peer = peerHeader ? normalize(peerHeader) : "unknown";
  if (trust.kind === "off") return net.isIP(peer) ? peer : "unknown";
  // Each proxy appends the address it received from: the nearest entries are the trusted ones.
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  const chain = [...forwarded, peer];
  let client: string;
  if (trust.kind === "hops") {
    client = chain[Math.max(0, chain.length - 1 - trust.hops)];
  } else {
    const untrusted = [...chain].reverse().find((address) => !(net.isIP(address) && trust.ranges.check(address, family(address))));
    client = untrusted ?? chain[0];
  }
  return net.isIP(client) ? client : "unknown";
}
