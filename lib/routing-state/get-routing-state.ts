import { log } from "@/lib/log";
import { createRoutingState } from "./create-routing-state";
import type { RoutingState } from "./state";
import { PersistentBenchState } from "./persistent-benches";
import { databaseBenchStore } from "./bench-store";

// One per process: shared through Redis when configured, in memory otherwise; benches until a
// provider's window resets are also kept in the database, so a restart does not forget them.
const slot = Symbol.for("freellmapi.routing-state");
type Slot = { [slot]?: RoutingState };

export function getRoutingState(): RoutingState {
  const holder = globalThis as Slot;
  holder[slot] ??= new PersistentBenchState(createRoutingState(), databaseBenchStore, (what, error) => log.warn(`Could not ${what}`, error));
  return holder[slot];
}
