import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelope for provider keys: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url).
 * The key id lets `ENCRYPTION_KEY_PREVIOUS` keep decrypting while rotation re-encrypts.
 */
const VERSION = "v1";
const IV_BYTES = 12;

export class DecryptionError extends Error {
  constructor(message = "The secret could not be decrypted") {
    super(message);
    this.name = "DecryptionError";
  }
}

export interface Keyring {
  /** Encrypts new values. */
  current: Buffer;
  /** Older keys that may still decrypt. */
  previous: Buffer[];
}

export function parseKey(hex: string): Buffer {
  const key = Buffer.from(hex, "hex");
  if (key.length !== 32 || key.toString("hex") !== hex.toLowerCase()) {
    throw new Error("An encryption key must be 64 hex characters (32 bytes)");
  }
  return key;
}

// Every upstream call decrypts its provider key; the keyring's buffers live as long as the process.
const keyIds = new WeakMap<Buffer, string>();

/** Short, non-secret fingerprint that names a key inside an envelope. */
export function keyId(key: Buffer): string {
  let id = keyIds.get(key);
  if (id === undefined) keyIds.set(key, (id = createHash("sha256").update(key).digest("base64url").slice(0, 8)));
  return id;
}

export function encrypt(plaintext: string, keyring: Keyring): string {
  const iv = randomBytes(IV_BYTES);
  const id = keyId(keyring.current);
  const cipher = createCipheriv("aes-256-gcm", keyring.current, iv);
  // The key id is bound as additional data so it cannot be swapped without detection.
  cipher.setAAD(Buffer.from(id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decrypt(envelope: string, keyring: Keyring): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError("Unknown secret format");
  const [, id, ivText, tagText, ciphertextText] = parts;
  const key = [keyring.current, ...keyring.previous].find((candidate) => keyId(candidate) === id);
  if (!key) throw new DecryptionError("The secret was encrypted with a key that is not configured");
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new DecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError();
  }
}

/** True when the envelope was not written with the current key and should be rotated. */
export function needsRotation(envelope: string, keyring: Keyring): boolean {
  return envelope.split(".")[1] !== keyId(keyring.current);
}
