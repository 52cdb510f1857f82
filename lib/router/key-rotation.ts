const counters = new Map<string, number>();

/**
 * Where this request starts among the provider's `count` keys: a different key each request
 * (round-robin across requests). A provider with one key has nothing to rotate.
 */
export function rotationStart(providerId: string, count: number): number {
  if (count < 2) return 0;
  const n = counters.get(providerId) ?? 0;
  counters.set(providerId, (n + 1) % 1_000_000);
  return n % count;
}
