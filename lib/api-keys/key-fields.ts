/** A key's settings: what the gateway applies on every call and what its owner sees and edits. */
export const keySettingsFields = {
  expiresAt: true,
  revokedAt: true,
  dailyRequestCap: true,
  dailyTokenCap: true,
  monthlyRequestCap: true,
  monthlyTokenCap: true,
  modelAllowlist: true,
  responseCache: true,
} as const;
