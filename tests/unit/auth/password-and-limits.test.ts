import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { ensureNextAuthUrl } from "@/lib/auth/options";
import { AttemptLimiter, clientAddress, parseTrustProxy, PEER_HEADER } from "@/lib/limits";
import { hashPassword, verifyPassword } from "@/lib/users/password-hash";

describe("password hashes", () => {
  it("verify the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsf", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(await verifyPassword("x", "scrypt$0$8$1$aa$bb")).toBe(false);
  });
});

describe("AttemptLimiter (in process, as in embedded mode)", () => {
  const spec = { name: "test", limit: 3, windowMs: 1000 };

  it("allows `limit` attempts per window, then says how long to wait; a reset clears the slate", async () => {
    let now = 0;
    const limiter = new AttemptLimiter(null, () => now);
    const results = [];
    for (const t of [0, 10, 20]) {
      now = t;
      results.push((await limiter.take(spec, "k")).allowed);
    }
    expect(results).toEqual([true, true, true]);
    now = 30;
    expect(await limiter.take(spec, "k")).toEqual({ allowed: false, retryAfterMs: 1304 });
    expect((await limiter.take(spec, "other")).allowed).toBe(true);
    await limiter.reset(spec, "k");
    expect((await limiter.take(spec, "k")).allowed).toBe(true);
  });

  it("stays bounded under a flood of keys", async () => {
    const limiter = new AttemptLimiter(null, () => 5, 1000);
    for (let i = 0; i < 10_000; i++) await limiter.take(spec, `k${i}`);
    expect((limiter.memory as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(1001);
  });
});

describe("clientAddress and TRUST_PROXY", () => {
  const headers = (forwarded: string | null, peer = "192.0.2.7") => {
    const h = new Headers({ [PEER_HEADER]: peer });
    if (forwarded) h.set("x-forwarded-for", forwarded);
    return h;
  };

  it("uses the socket address by default, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(headers("203.0.113.1"), parseTrustProxy(undefined), true)).toBe("192.0.2.7");
    expect(clientAddress(headers(null, "::ffff:192.0.2.8"), parseTrustProxy(""), true)).toBe("192.0.2.8");
  });

  it("never trusts the peer header when the hook that sets it is not loaded", () => {
    expect(clientAddress(headers(null, "192.0.2.9"), parseTrustProxy(undefined), false)).toBe("unknown");
  });

  it("with N trusted hops, takes the address the outermost trusted proxy saw", () => {
    const forged = "6.6.6.6, 203.0.113.1";
    expect(clientAddress(headers(forged, "10.0.0.2"), parseTrustProxy("1"), true)).toBe("203.0.113.1");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.1, 10.0.0.2", "10.0.0.3"), parseTrustProxy("2"), true)).toBe("203.0.113.1");
    expect(clientAddress(headers(null, "10.0.0.2"), parseTrustProxy("1"), true)).toBe("10.0.0.2");
  });

  it("with proxy ranges, skips the trusted proxies from the right", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 2001:db8::/32, 192.0.2.1");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.1, 10.1.1.1", "192.0.2.1"), trust, true)).toBe("203.0.113.1");
    expect(clientAddress(headers("203.0.113.5", "203.0.113.9"), trust, true)).toBe("203.0.113.9");
    expect(clientAddress(headers("not-an-ip", "10.0.0.1"), trust, true)).toBe("unknown");
  });

  it("refuses a TRUST_PROXY it cannot read", () => {
    expect(() => parseTrustProxy("10.0.0.0/40")).toThrow(/prefix/);
    expect(() => parseTrustProxy("proxy.example")).toThrow(/not an address/);
  });
});

describe("assertSameOrigin", () => {
  const request = (method: string, headers: Record<string, string>) => new Request("http://localhost:3001/api/account/chain", { method, headers });

  it("lets reads through and same-origin mutations, refuses the rest", () => {
    expect(() => assertSameOrigin(request("GET", {}))).not.toThrow();
    expect(() => assertSameOrigin(request("PUT", { origin: "http://localhost:3001" }))).not.toThrow();
    expect(() => assertSameOrigin(request("POST", { origin: "https://app.example", host: "app.example" }))).not.toThrow();
    expect(() => assertSameOrigin(request("POST", { origin: "https://evil.example" }))).toThrow(/Cross-origin/);
    expect(() => assertSameOrigin(request("DELETE", {}))).toThrow(/Origin header is missing/);
    expect(() => assertSameOrigin(request("PATCH", { origin: "null" }))).toThrow();
    expect(() => assertSameOrigin(request("POST", { origin: "http://localhost:3001", "sec-fetch-site": "cross-site" }))).toThrow(/Cross-site/);
  });
});

describe("ensureNextAuthUrl", () => {
  it("takes PUBLIC_URL, never overrides, and without either leaves the origin to each request", () => {
    const a: Record<string, string | undefined> = { PUBLIC_URL: "https://llm.example" };
    ensureNextAuthUrl(a);
    expect(a.NEXTAUTH_URL).toBe("https://llm.example");
    expect(a.AUTH_TRUST_HOST).toBeUndefined();
    const c: Record<string, string | undefined> = { NEXTAUTH_URL: "https://set.example", PUBLIC_URL: "https://other.example" };
    ensureNextAuthUrl(c);
    expect(c.NEXTAUTH_URL).toBe("https://set.example");
    const d: Record<string, string | undefined> = { PORT: "4000" };
    ensureNextAuthUrl(d);
    expect(d.NEXTAUTH_URL).toBeUndefined();
    expect(d.AUTH_TRUST_HOST).toBe("true");
  });
});
