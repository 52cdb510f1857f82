/**
 * Which requests the router will report (their outcome is logged and counted when it is
 * recorded), so the /v1 wrapper observes only the others itself: refused keys, bad bodies,
 * model lists. Held per request object, so nothing outlives the request.
 */
const slot = Symbol.for("freellmapi.routed-requests");
const store = globalThis as { [slot]?: WeakSet<object> };
const routed = () => (store[slot] ??= new WeakSet());

export function markOutcomeRecorded(caller: object): void {
  routed().add(caller);
}

export function isOutcomeRecorded(caller: object | undefined): boolean {
  return caller !== undefined && routed().has(caller);
}
