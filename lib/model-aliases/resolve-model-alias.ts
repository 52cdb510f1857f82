/** One stored alias, as the gateway caches it with the user's routing. */
export interface ModelAliasRule {
  alias: string;
  target: string;
  /** Empty for the whole account. */
  apiKeyId: string;
}

export const isWildcard = (alias: string) => alias.endsWith("*");

function matchIn(requested: string, rules: readonly ModelAliasRule[]): ModelAliasRule | undefined {
  const exact = rules.find((rule) => rule.alias === requested);
  if (exact) return exact;
  let best: ModelAliasRule | undefined;
  for (const rule of rules) {
    if (!isWildcard(rule.alias)) continue;
    const prefix = rule.alias.slice(0, -1);
    if (requested.startsWith(prefix) && (!best || prefix.length > best.alias.length - 1)) best = rule;
  }
  return best;
}

/**
 * The alias that applies to `requested`, if any: the unified key's own aliases before the
 * account's, and in each an exact name before the longest matching `prefix*`. One step only:
 * a target is never looked up again.
 */
export function resolveModelAlias(requested: string, rules: readonly ModelAliasRule[], apiKeyId: string | null): ModelAliasRule | undefined {
  if (rules.length === 0) return undefined;
  const forKey = apiKeyId
    ? matchIn(
        requested,
        rules.filter((rule) => rule.apiKeyId === apiKeyId),
      )
    : undefined;
  return (
    forKey ??
    matchIn(
      requested,
      rules.filter((rule) => rule.apiKeyId === ""),
    )
  );
}

/** The aliases a key sees, its own replacing the account's of the same name. */
export function aliasesVisibleTo(rules: readonly ModelAliasRule[], apiKeyId: string | null): ModelAliasRule[] {
  const own = apiKeyId ? rules.filter((rule) => rule.apiKeyId === apiKeyId) : [];
  const names = new Set(own.map((rule) => rule.alias));
  return [...own, ...rules.filter((rule) => rule.apiKeyId === "" && !names.has(rule.alias))];
}
