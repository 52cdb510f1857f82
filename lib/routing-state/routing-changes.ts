import { log } from "@/lib/log";
import { getRoutingState } from "./get-routing-state";

type Listener = (userId: string) => void;

// One set per process: Next.js may load this module once per route bundle, and a change made
// through the dashboard's routes must reach the cache the gateway's routes read.
const slot = Symbol.for("freellmapi.routing-change-listeners");
const listeners = ((globalThis as { [slot]?: Set<Listener> })[slot] ??= new Set<Listener>());

/** Called in this process whenever a user's routing changes (their cached chain is dropped at once). */
export function onRoutingChange(listener: Listener): void {
  listeners.add(listener);
}

/**
 * The one way to say "this user's chain, provider keys or aliases changed": this process forgets
 * what it cached, and the routing version in the shared state moves on, so every other instance
 * reads the change on its next request (docs/ROUTING.md, "Routing state"). `clearedKeys` are keys
 * whose blocks were just dropped; other instances drop their own copies of those too.
 */
export async function routingChanged(userId: string, clearedKeys?: readonly string[]): Promise<void> {
  for (const listener of listeners) listener(userId);
  await getRoutingState()
    .routingChanged(userId, clearedKeys)
    .catch((error) => log.warn("Could not publish a routing change", error));
}
