import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import type { ChainEntry, ProviderKey, RouteContext, RouteOutcome } from "@/lib/router/types";

export const key = (id: string, providerId: string, extra: Partial<ProviderKey> = {}): ProviderKey => ({
  id,
  providerId,
  label: `${id} (…cret)`,
  encryptedSecret: `sealed(${id}-secret)`,
  baseUrl: null,
  status: "active",
  models: null,
  ...extra,
});

export const entry = (providerId: string, pinnedModel: string | null = null): ChainEntry => ({ providerId, pinnedModel, enabled: true });

/** A RouteContext with a fresh memory state and recorders for the callbacks. */
export function makeContext(overrides: Partial<RouteContext> = {}) {
  const outcomes: RouteOutcome[] = [];
  const invalid: Array<[string, string]> = [];
  const decrypted: string[] = [];
  let resolveDone: (o: RouteOutcome) => void = () => {};
  const done = new Promise<RouteOutcome>((resolve) => (resolveDone = resolve));
  const ctx: RouteContext = {
    requestId: "req_test",
    chain: [entry("groq", "llama-3.3-70b-versatile"), entry("gemini", "gemini-2.5-flash")],
    keys: [key("kg", "groq"), key("kge", "gemini")],
    strict: false,
    privacy: "standard",
    decrypt: (envelope) => {
      decrypted.push(envelope);
      return envelope.replace(/^sealed\((.*)\)$/, "$1");
    },
    state: new MemoryRoutingState(),
    onKeyInvalid: (keyId, reason) => void invalid.push([keyId, reason]),
    onComplete: (outcome) => {
      outcomes.push(outcome);
      resolveDone(outcome);
    },
    options: { maxAttempts: 8, deadlineMs: 10_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 3_000 },
    ...overrides,
  };
  return { ctx, outcomes, invalid, decrypted, done };
}
