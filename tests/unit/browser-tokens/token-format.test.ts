import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isWellFormedApiKey } from "@/lib/api-keys/key-format";
import { issueBrowserTokenSchema } from "@/lib/browser-tokens/schemas";
import { decodeBrowserToken, encodeBrowserToken } from "@/lib/browser-tokens/token-format";

const secret = randomBytes(32).toString("hex");
const claims = { k: "key_1", o: "https://app.example", i: "user-7", m: ["free-fast"], e: 1_900_000_000 };

describe("browser token format", () => {
  it("round-trips its claims under the same secret, and never looks like a unified key", () => {
    const token = encodeBrowserToken(claims, secret);
    expect(token).toMatch(/^fbt_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedApiKey(token)).toBe(false);
    expect(decodeBrowserToken(token, secret)).toEqual(claims);
  });

  it("refuses another secret, an edited payload, a cut or extended signature, and junk", () => {
    const token = encodeBrowserToken(claims, secret);
    expect(decodeBrowserToken(token, randomBytes(32).toString("hex"))).toBeNull();
    const [payload, signature] = token.slice(4).split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, o: "https://evil.example" })).toString("base64url");
    expect(decodeBrowserToken(`fbt_${forged}.${signature}`, secret)).toBeNull();
    expect(decodeBrowserToken(`fbt_${payload}.${signature.slice(0, -2)}`, secret)).toBeNull();
    expect(decodeBrowserToken(`fbt_${payload}.${signature}AA`, secret)).toBeNull();
    expect(decodeBrowserToken(`${token}.x`, secret)).toBeNull();
    for (const junk of ["fbt_", "fbt_.", "fbt_abc", "freellmapi-abc", `fbt_${"a".repeat(9_000)}.b`]) expect(decodeBrowserToken(junk, secret)).toBeNull();
  });

  it("signs the payload as sent: a valid signature over a payload that is not claims is still refused", () => {
    const payload = Buffer.from("[1,2]").toString("base64url");
    const token = encodeBrowserToken(claims, secret);
    expect(decodeBrowserToken(token.replace(/^fbt_[^.]+/, `fbt_${payload}`), secret)).toBeNull();
  });
});

describe("POST /v1/tokens body", () => {
  const parse = (body: unknown) => issueBrowserTokenSchema.safeParse(body);
  it("takes an http(s) origin with optional identifier, ttl (default 300, max 900) and models", () => {
    expect(parse({ origin: "https://app.example" })).toMatchObject({ success: true, data: { ttlSeconds: 300 } });
    expect(parse({ origin: "http://127.0.0.1:5173", identifier: "user:42", ttlSeconds: 900, models: ["free-fast"] }).success).toBe(true);
  });

  it.each([
    [{ origin: "https://app.example/" }, "origin"],
    [{ origin: "https://app.example/path" }, "origin"],
    [{ origin: "ftp://app.example" }, "origin"],
    [{ origin: "app.example" }, "origin"],
    [{ origin: "*" }, "origin"],
    [{ origin: "https://app.example", ttlSeconds: 901 }, "ttlSeconds"],
    [{ origin: "https://app.example", ttlSeconds: 0 }, "ttlSeconds"],
    [{ origin: "https://app.example", identifier: "has space" }, "identifier"],
    [{ origin: "https://app.example", models: [] }, "models"],
    [{ origin: "https://app.example", admin: true }, ""],
  ])("refuses %j (%s)", (body, param) => {
    const result = parse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join(".")).toBe(param);
  });
});
