export { assertSameOrigin } from "./assert-same-origin";
export { listAuthProviders } from "./oauth-providers";
export { ensureNextAuthUrl, getAuthOptions, INVALID_CREDENTIALS } from "./options";
export { signUp } from "./sign-up";
