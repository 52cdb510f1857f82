import { createRoutingState } from "@/lib/redis";
import type { RoutingState } from "@/lib/router";

// One per process: shared through Redis when configured, in memory otherwise.
const slot = Symbol.for("freellmapi.routing-state");
type Slot = { [slot]?: RoutingState };

export function getRoutingState(): RoutingState {
  const holder = globalThis as Slot;
  holder[slot] ??= createRoutingState();
  return holder[slot];
}
