import { createHmac, timingSafeEqual } from "node:crypto";

/** Cannot be read as a unified key (those start with `freellmapi-`). */
export const BROWSER_TOKEN_PREFIX = "fbt_";

/** What a token says, signed: the issuing key, the origin, the end user, the models, the expiry. */
export interface BrowserTokenClaims {
  /** The issuing unified key's id. */
  k: string;
  /** The one origin that may present it, e.g. `https://app.example`. */
  o: string;
  /** The end-user identifier bucket, when one was given. */
  i?: string;
  /** Models it may use, narrowing the key's allowlist. */
  m?: string[];
  /** Expiry, epoch seconds. */
  e: number;
}

const DOMAIN = "freellmapi-browser-token-v1.";

const sign = (payload: string, secret: string) =>
  createHmac("sha256", secret)
    .update(DOMAIN + payload)
    .digest();

/** `fbt_<base64url JSON claims>.<base64url HMAC-SHA256 of the claims>` */
export function encodeBrowserToken(claims: BrowserTokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${BROWSER_TOKEN_PREFIX}${payload}.${sign(payload, secret).toString("base64url")}`;
}

/** The claims of a token this secret signed, or null; expiry is the caller's to check. */
export function decodeBrowserToken(token: string, secret: string): BrowserTokenClaims | null {
  if (!token.startsWith(BROWSER_TOKEN_PREFIX) || token.length > 8_192) return null;
  const [payload, signature, extra] = token.slice(BROWSER_TOKEN_PREFIX.length).split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as BrowserTokenClaims;
    return typeof claims.k === "string" && typeof claims.o === "string" && Number.isInteger(claims.e) ? claims : null;
  } catch {
    return null;
  }
}
