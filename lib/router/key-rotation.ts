const counters = new Map<string, number>();

/** The provider's keys starting at a different one each request (round-robin across requests). */
export function rotate<T>(providerId: string, items: readonly T[]): T[] {
  if (items.length < 2) return [...items];
  const n = counters.get(providerId) ?? 0;
  counters.set(providerId, (n + 1) % 1_000_000);
  const start = n % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}
