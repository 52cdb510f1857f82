/**
 * What the router remembers between requests about each target (one provider key + model):
 * cooldowns, benches until a quota window resets, circuit breakers and usage counters; and, per
 * user, the version of their routing (chain, keys, aliases), so a change reaches every instance.
 * In memory for one process (`MemoryRoutingState`); the Redis implementation shares it
 * across instances. Every method is one round trip at most.
 */

/** `${providerKeyId}:${model}`; a key-wide mark uses the model `*`. */
export type Target = string;

export type BlockReason =
  | "rate_limited" // short cooldown (RPM/TPM, retry hint)
  | "quota_exhausted" // benched until the provider's window resets
  | "not_on_free_tier" // long bench: this key cannot use this model for free
  | "auth_invalid" // the key itself is bad
  | "limit_reached"; // our own count of the catalog limit says it is spent

export interface TargetSnapshot {
  /** Epoch ms until which the target must not be called, or null. */
  blockedUntil: number | null;
  reason: BlockReason | null;
  breaker: {
    /** half_open: the cooldown is over and the one probe is free to claim (`claimProbe`). */
    state: "closed" | "open" | "half_open";
    consecutiveFailures: number;
    /** Epoch ms when an open breaker lets one probe through. */
    retryAt: number | null;
  };
  /** Counts in the current fixed windows (minute and day, as the caller keyed them). */
  usage: { minuteRequests: number; minuteTokens: number; dayRequests: number; dayTokens: number };
}

export interface UsageWindows {
  /** Identifies the current minute, e.g. Math.floor(now / 60_000). */
  minute: number;
  /** Identifies the provider's current day window, e.g. "2026-11-21" (UTC or Pacific). */
  day: string;
}

export interface BreakerPolicy {
  /** Consecutive failures that open the breaker. */
  threshold: number;
  /** How long it stays open before one probe is allowed. */
  cooldownMs: number;
}

export interface VersionedSnapshot {
  /** The user's routing version: it changes whenever `routingChanged` is called for them. */
  version: number;
  targets: Map<Target, TargetSnapshot>;
}

export interface RoutingState {
  /** State of every candidate of a request in one read, without side effects. Unknown targets come back clean. */
  snapshot(targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<Map<Target, TargetSnapshot>>;
  /** `snapshot`, and in the same round trip the routing version of the user the targets belong to. */
  snapshotFor(userId: string, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot>;
  /**
   * The user's chain, provider keys or aliases changed: every instance's next `snapshotFor` sees a new
   * version. `clearedKeys` are keys whose blocks were just dropped (`clearKey`), so that instances
   * drop their own copies of them too.
   */
  routingChanged(userId: string, clearedKeys?: readonly string[]): Promise<void>;
  /** Keep the target out of rotation until `until` (epoch ms); a later block wins. */
  block(target: Target, until: number, reason: BlockReason): Promise<void>;
  /** Count one request (and tokens, when known) against each target's minute and day windows, in one write. */
  recordUsage(targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): Promise<void>;
  /**
   * A half-open breaker's one probe, claimed right before calling its target: true for exactly
   * one caller until the probe reports (success or failure) or its cooldown lapses.
   */
  claimProbe(target: Target): Promise<boolean>;
  /** An answer came back: close the breaker. */
  recordSuccess(target: Target): Promise<void>;
  /** A 5xx, timeout or broken stream: count toward opening the breaker. */
  recordFailure(target: Target, policy: BreakerPolicy): Promise<void>;
  /** Forget the blocks and breakers of every target of one provider key (a recheck found it valid again). */
  clearKey(providerKeyId: string): Promise<void>;
  /** Everything currently blocked or open, for the dashboard ("needs attention"). */
  listBlocked(prefix?: string): Promise<Array<{ target: Target; until: number; reason: BlockReason | "circuit_open" }>>;
}
