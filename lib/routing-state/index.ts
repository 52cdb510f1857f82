export { getRoutingState } from "./get-routing-state";
export { onRoutingChange, routingChanged } from "./routing-changes";
export { MemoryRoutingState, type MemoryStateOptions } from "./memory-state";
export type * from "./state";
