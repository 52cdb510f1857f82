import { ttlCache } from "@/lib/cache/ttl-cache";
import { providerTargetOf, type Candidate } from "./candidate";

/**
 * How many candidates a request's first read of the routing state covers. Every target read costs
 * (about 5 µs each with Redis, three targets a candidate) and most requests call their first
 * candidate, so the first read covers two, plus as many as the same caller's previous request
 * had to skip (blocked, cooling down, over a limit) before it found one to call: a caller whose
 * first providers are cooling down still gets to a callable one in one read. Later reads cover
 * the attempt budget twice over.
 */
const SPARE = 2;
const leadingSkips = ttlCache<string, number>({ max: 10_000, ttl: 10 * 60_000 });

/** Whose start of a candidate list this is: the caller and its first provider and model (not key: keys rotate). */
export function firstReadKey(userId: string | undefined, first: Candidate): string {
  return `${userId ?? ""}\n${providerTargetOf(first)}\n${first.model}`;
}

export function firstReadSize(key: string, page: number): number {
  return Math.min(page, (leadingSkips.get(key) ?? 0) + SPARE);
}

/** What the request skipped before its first call (or in all, when it called nothing). */
export function rememberLeadingSkips(key: string, skipped: number): void {
  if (skipped === 0) leadingSkips.delete(key);
  else leadingSkips.set(key, skipped);
}
