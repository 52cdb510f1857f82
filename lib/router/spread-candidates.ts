import type { Candidate } from "./candidate";

/**
 * Spreads the attempt budget over providers: each provider's first model (all its keys for that
 * model) comes before any provider's second, and so on, keeping the given order within each round.
 * So a provider with dozens of models cannot use up the budget before the next one gets a try.
 */
export function spreadAcrossProviders(candidates: Candidate[]): Candidate[] {
  const modelRound = new Map<string, number>();
  const modelsSeen = new Map<string, number>();
  // One bucket per round, each in the given order: a stable sort by round without sorting.
  const rounds: Candidate[][] = [];
  for (const c of candidates) {
    const provider = c.key.baseUrl ? `${c.providerId}@${c.key.id}` : c.providerId;
    const model = `${provider}/${c.model}`;
    let round = modelRound.get(model);
    if (round === undefined) {
      round = modelsSeen.get(provider) ?? 0;
      modelsSeen.set(provider, round + 1);
      modelRound.set(model, round);
    }
    (rounds[round] ??= []).push(c);
  }
  return rounds.flat();
}
