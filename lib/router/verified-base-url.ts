import type { assertSafeUpstreamUrl } from "@/lib/providers/assert-safe-upstream-url";

const TTL_MS = 60_000;
const verified = new Map<string, number>();

/**
 * A key's own base URL, checked by assertSafeUpstreamUrl at most once a minute: a DNS lookup on
 * every request would cost more than the whole gateway budget.
 */
export async function verifiedBaseUrl(url: string, allowPrivate: boolean, assert: typeof assertSafeUpstreamUrl): Promise<string> {
  const cacheKey = `${allowPrivate ? 1 : 0}${url}`;
  const until = verified.get(cacheKey);
  if (until !== undefined && until > Date.now()) return url;
  await assert(url, { allowPrivate });
  if (verified.size > 10_000) verified.clear();
  verified.set(cacheKey, Date.now() + TTL_MS);
  return url;
}
