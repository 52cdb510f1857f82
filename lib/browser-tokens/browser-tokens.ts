import { verifyApiKeyById, type VerifiedApiKey } from "@/lib/api-keys";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseIdentifier, type EndUserId } from "@/lib/limits/parse-identifier";
import type { IssueBrowserTokenData } from "./schemas";
import { BROWSER_TOKEN_PREFIX, decodeBrowserToken, encodeBrowserToken } from "./token-format";

export interface BrowserTokenGrant {
  /** The issuing key as it stands now: its limits and settings apply to every call. */
  apiKey: VerifiedApiKey;
  origin: string;
  identifier: EndUserId | undefined;
  /** The models this call may use: the token's list, or the key's allowlist. */
  modelAllowlist: string[];
}

export const isBrowserToken = (presented: string) => presented.startsWith(BROWSER_TOKEN_PREFIX);

/** A short-lived token for one origin, minted with a unified key; never with another token. */
export function issueBrowserToken(apiKey: VerifiedApiKey, data: IssueBrowserTokenData, now = Date.now()): { token: string; expiresAt: string } {
  const outside = data.models?.filter((model) => apiKey.modelAllowlist.length > 0 && !apiKey.modelAllowlist.includes(model)) ?? [];
  if (outside.length > 0)
    throw new AppError("model_not_allowed", `The issuing key may only use ${apiKey.modelAllowlist.join(", ")}; not ${outside.join(", ")}`, "models");
  // Never past the issuing key's own expiry.
  const keyExpiry = apiKey.expiresAt ? Math.floor(apiKey.expiresAt.getTime() / 1000) : Infinity;
  const expires = Math.min(Math.floor(now / 1000) + data.ttlSeconds, keyExpiry);
  const token = encodeBrowserToken(
    { k: apiKey.id, o: data.origin, ...(data.identifier ? { i: data.identifier } : {}), ...(data.models ? { m: data.models } : {}), e: expires },
    getEnv().BROWSER_TOKEN_SECRET,
  );
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}

/**
 * Checks a presented token on every use: signature, expiry, the browser's `Origin` (exactly the
 * bound one), and the issuing key through the same cached lookup as a unified key, so revoking
 * or deleting the key ends its tokens.
 */
export async function authenticateBrowserToken(token: string, request: Request, now = Date.now()): Promise<BrowserTokenGrant> {
  const claims = decodeBrowserToken(token, getEnv().BROWSER_TOKEN_SECRET);
  if (!claims) throw new AppError("invalid_api_key", "Invalid browser token.");
  if (claims.e * 1000 <= now) throw new AppError("invalid_api_key", "This browser token has expired; ask your server for a new one (POST /v1/tokens).");
  const origin = request.headers.get("origin");
  if (!origin) throw new AppError("forbidden", `A browser token is only accepted from its page's origin, and this request sent no Origin header.`);
  if (origin !== claims.o) throw new AppError("forbidden", `This browser token is bound to another origin than ${origin}.`);
  const apiKey = await verifyApiKeyById(claims.k);
  if (!apiKey) throw new AppError("invalid_api_key", "The key that issued this browser token was revoked, deleted or has expired.");
  // Checked when the token was minted; parsed again here, where it enters from outside.
  const identifier = parseIdentifier(claims.i);
  if (!claims.m) return { apiKey, origin, identifier, modelAllowlist: apiKey.modelAllowlist };
  // Checked against the key at minting; checked again, since an empty list would mean "any model".
  const models = claims.m.filter((model) => apiKey.modelAllowlist.length === 0 || apiKey.modelAllowlist.includes(model));
  if (models.length === 0) throw new AppError("model_not_allowed", "None of this browser token's models is allowed for its issuing key any more.", "model");
  return { apiKey, origin, identifier, modelAllowlist: models };
}
