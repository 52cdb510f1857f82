import type { RoutingState } from "./state";

/** The user's routing version alone (a snapshot of no targets), or null when the state cannot say. */
export function readRoutingVersion(state: RoutingState, userId: string): Promise<number | null> {
  return state
    .snapshotFor(userId, [], () => ({ minute: 0, day: "" }))
    .then((read) => read.version)
    .catch(() => null);
}
