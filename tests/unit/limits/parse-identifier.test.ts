import { describe, expect, it } from "vitest";
import { InvalidIdentifierError, parseIdentifier } from "@/lib/limits";

describe("parseIdentifier", () => {
  it("treats an absent header as no identifier", () => {
    expect(parseIdentifier(null)).toBeUndefined();
    expect(parseIdentifier(undefined)).toBeUndefined();
  });

  it("accepts 1-128 characters of [A-Za-z0-9_.:-]", () => {
    expect(parseIdentifier("user_42")).toBe("user_42");
    expect(parseIdentifier("org:acme.user-7")).toBe("org:acme.user-7");
    expect(parseIdentifier("a".repeat(128))).toBe("a".repeat(128));
  });

  it.each(["", "a".repeat(129), "has space", "slash/x", "é", "new\nline", "a*", "{json}"])("refuses %j", (value) => {
    expect(() => parseIdentifier(value)).toThrow(InvalidIdentifierError);
  });

  it("throws a domain error without HTTP knowledge", () => {
    try {
      parseIdentifier("bad value");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid_identifier", param: "x-freellmapi-identifier" });
      expect(error).not.toHaveProperty("status");
    }
  });
});
