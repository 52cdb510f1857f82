import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, decrypt, encrypt, keyId, needsRotation, parseKey, type Keyring } from "@/lib/crypto/secret-box";

const newKey = () => randomBytes(32);
const ring = (current: Buffer, ...previous: Buffer[]): Keyring => ({ current, previous });

function flip(envelope: string, part: number) {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[part], "base64url");
  bytes[0] ^= 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never repeats an IV", () => {
    const keyring = ring(newKey());
    const a = encrypt("gsk_secret-value", keyring);
    const b = encrypt("gsk_secret-value", keyring);
    expect(a).not.toBe(b);
    expect(a).not.toContain("gsk_secret-value");
    expect(decrypt(a, keyring)).toBe("gsk_secret-value");
    expect(decrypt(b, keyring)).toBe("gsk_secret-value");
  });

  it.each([
    ["iv", 2],
    ["tag", 3],
    ["ciphertext", 4],
  ])("rejects a flipped bit in the %s", (_name, part) => {
    const keyring = ring(newKey());
    expect(() => decrypt(flip(encrypt("secret", keyring), part), keyring)).toThrow(DecryptionError);
  });

  it("rejects a swapped key id", () => {
    const first = newKey();
    const second = newKey();
    const envelope = encrypt("secret", ring(first)).split(".");
    envelope[1] = keyId(second);
    expect(() => decrypt(envelope.join("."), ring(second, first))).toThrow(DecryptionError);
  });

  it("rejects the wrong key", () => {
    const envelope = encrypt("secret", ring(newKey()));
    expect(() => decrypt(envelope, ring(newKey()))).toThrow(DecryptionError);
  });

  it("decrypts with the previous key after rotation and reports what needs re-encrypting", () => {
    const old = newKey();
    const current = newKey();
    const envelope = encrypt("secret", ring(old));
    const rotated = ring(current, old);
    expect(decrypt(envelope, rotated)).toBe("secret");
    expect(needsRotation(envelope, rotated)).toBe(true);
    const reencrypted = encrypt(decrypt(envelope, rotated), rotated);
    expect(needsRotation(reencrypted, rotated)).toBe(false);
    expect(decrypt(reencrypted, ring(current))).toBe("secret");
  });

  it("accepts only 64-hex-character keys", () => {
    expect(() => parseKey("abc")).toThrow(/64 hex/);
    expect(parseKey("a".repeat(64))).toHaveLength(32);
  });
});
