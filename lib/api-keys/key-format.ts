import { hash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "freellmapi-";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 32 base62 characters carry about 190 random bits.
const BODY_LENGTH = 32;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);

/** A new plaintext key: the prefix and 32 base62 characters from rejection-sampled random bytes. */
export function generateApiKey(): string {
  let body = "";
  while (body.length < BODY_LENGTH) {
    for (const byte of randomBytes(48)) {
      // 62 * 4 = 248: bytes above that would bias the first characters.
      if (byte < 248 && body.length < BODY_LENGTH) body += ALPHABET[byte % 62];
    }
  }
  return API_KEY_PREFIX + body;
}

export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export function hashApiKey(plaintext: string): string {
  // One-shot: no Hash object per request (every gateway request hashes its key).
  return hash("sha256", plaintext, "hex");
}

/** What the dashboard shows to tell keys apart: the prefix and the first 4 characters. */
export function displayStart(plaintext: string): string {
  return plaintext.slice(0, API_KEY_PREFIX.length + 4);
}
