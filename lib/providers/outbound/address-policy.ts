import ipaddr from "ipaddr.js";

// IPv6 forms that carry an IPv4 address in their last 32 bits: judged by that address.
const EMBEDS_V4_TAIL = new Set(["ipv4Mapped", "rfc6145"]);
const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");

/**
 * Why an upstream must not be called at this address ("loopback", "private", "linkLocal"...),
 * or null for a public unicast address. Any notation: IPv4-mapped/-compatible, NAT64 and SIIT
 * forms are judged by the IPv4 address inside; 6to4, Teredo and local-use NAT64 (64:ff9b:1::/48)
 * are refused outright.
 */
export function blockedAddressRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return "unparsable";
  }
  if (parsed.kind() === "ipv4") {
    const range = parsed.range();
    return range === "unicast" ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (EMBEDS_V4_TAIL.has(range) || v6.match(NAT64_WELL_KNOWN) || isV4Compatible(v6)) return blockedAddressRange(embeddedV4(v6));
  return range === "unicast" ? null : range;
}

const RANGE_WORDS: Record<string, string> = {
  linkLocal: "link-local",
  uniqueLocal: "unique-local",
  carrierGradeNat: "carrier-grade NAT",
  rfc6052: "local-use NAT64",
  deprecatedSiteLocal: "site-local",
  "6to4": "6to4 tunnel",
  teredo: "Teredo tunnel",
};

/** The range in words for messages: "loopback", "link-local", "carrier-grade NAT"... */
export const describeRange = (range: string): string => RANGE_WORDS[range] ?? range;

export const isPublicAddress = (address: string): boolean => blockedAddressRange(address) === null;

/** `::a.b.c.d` (deprecated IPv4-compatible form; `::` and `::1` are classified as themselves). */
function isV4Compatible(v6: ipaddr.IPv6): boolean {
  return v6.parts.slice(0, 6).every((part) => part === 0) && (v6.parts[6] !== 0 || v6.parts[7] > 1);
}

function embeddedV4(v6: ipaddr.IPv6): string {
  const [high, low] = v6.parts.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}
