import { describe, expect, it } from "vitest";
import { AttemptLimiter, clientIp } from "@/lib/auth/attempt-limiter";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { ensureNextAuthUrl } from "@/lib/auth/options";
import { deriveChainState } from "@/lib/chain/chain-state";
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

describe("AttemptLimiter", () => {
  it("allows `limit` attempts per window, then says how long to wait", () => {
    const limiter = new AttemptLimiter(3, 1000);
    expect([0, 10, 20].map((t) => limiter.take("k", t).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", 30)).toEqual({ allowed: false, retryAfterMs: 970 });
    expect(limiter.take("other", 30).allowed).toBe(true);
    expect(limiter.take("k", 1001).allowed).toBe(true);
    limiter.reset("k");
    expect(limiter.take("k", 1002).allowed).toBe(true);
  });

  it("stays bounded under a flood of keys", () => {
    const limiter = new AttemptLimiter(1, 60_000, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, i);
    expect((limiter as unknown as { attempts: Map<string, unknown> }).attempts.size).toBeLessThanOrEqual(101);
  });

  it("reads the client address from the proxy headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.1, 10.0.0.1" }))).toBe("203.0.113.1");
    expect(clientIp({ "x-real-ip": "203.0.113.2" })).toBe("203.0.113.2");
    expect(clientIp(undefined)).toBe("unknown");
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
