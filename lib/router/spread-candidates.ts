import type { Candidate } from "./candidate";
import type { ProviderKey } from "./types";

/**
 * Spreads the attempt budget over providers: each provider's first model (all its keys for that
 * model) comes before any provider's second, and so on, keeping the given order within each round.
 * So a provider with dozens of models cannot use up the budget before the next one gets a try.
 * A key with its own base URL counts as a provider of its own.
 */
export function spreadAcrossProviders(candidates: Candidate[]): Candidate[] {
  // Per provider: how many of its models were seen, and the round of each. Keyed by the strings and
  // keys the candidates hold, not by strings made per candidate: this runs for every request.
  const providers = new Map<string | ProviderKey, { seen: number; roundOf: Map<string, number> }>();
  // One bucket per round, each in the given order: a stable sort by round without sorting.
  const rounds: Candidate[][] = [];
  for (const c of candidates) {
    const id = c.key.baseUrl ? c.key : c.providerId;
    let provider = providers.get(id);
    if (!provider) providers.set(id, (provider = { seen: 0, roundOf: new Map() }));
    let round = provider.roundOf.get(c.model);
    if (round === undefined) provider.roundOf.set(c.model, (round = provider.seen++));
    (rounds[round] ??= []).push(c);
  }
  return rounds.flat();
}
