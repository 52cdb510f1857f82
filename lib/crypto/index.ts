import { getEnv } from "@/lib/env";
import { decrypt, encrypt, needsRotation, parseKey, type Keyring } from "./secret-box";

export { DecryptionError } from "./secret-box";

let cached: { source: string; keyring: Keyring } | undefined;

export function getKeyring(): Keyring {
  const env = getEnv();
  const source = `${env.ENCRYPTION_KEY}:${env.ENCRYPTION_KEY_PREVIOUS ?? ""}`;
  if (cached?.source !== source) {
    cached = {
      source,
      keyring: {
        current: parseKey(env.ENCRYPTION_KEY),
        previous: env.ENCRYPTION_KEY_PREVIOUS ? [parseKey(env.ENCRYPTION_KEY_PREVIOUS)] : [],
      },
    };
  }
  return cached.keyring;
}

export const encryptSecret = (plaintext: string) => encrypt(plaintext, getKeyring());
export const decryptSecret = (envelope: string) => decrypt(envelope, getKeyring());
export const secretNeedsRotation = (envelope: string) => needsRotation(envelope, getKeyring());
