export { authenticateBrowserToken, isBrowserToken, issueBrowserToken, type BrowserTokenGrant } from "./browser-tokens";
export { DEFAULT_TTL_SECONDS, issueBrowserTokenSchema, MAX_TTL_SECONDS, type IssueBrowserTokenData, type IssueBrowserTokenInput } from "./schemas";
export { BROWSER_TOKEN_PREFIX, decodeBrowserToken, encodeBrowserToken, type BrowserTokenClaims } from "./token-format";
