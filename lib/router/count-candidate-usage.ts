import type { Candidate } from "./candidate";
import type { RoutingState } from "@/lib/routing-state/state";
import { usageWindows } from "./usage-windows";

/**
 * Counts an answered request against the key+model and the key-wide counters in one write,
 * off the response path: a failed count never fails the request.
 */
export function countCandidateUsage(state: RoutingState, candidate: Candidate, tokens: number) {
  const windows = usageWindows(candidate.provider.limits.window, Date.now());
  void state.recordUsage([candidate.target, candidate.keyTarget], windows, { requests: 1, tokens }).catch(() => {});
}
