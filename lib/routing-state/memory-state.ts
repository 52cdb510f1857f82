import type { BlockReason, BreakerPolicy, RoutingState, Target, TargetSnapshot, UsageWindows, VersionedSnapshot } from "./state";

interface Entry {
  blockedUntil: number | null;
  reason: BlockReason | null;
  breaker: "closed" | "open" | "half_open";
  failures: number;
  /** Open: when a probe may go. Half-open: when the claimed probe counts as lost. */
  retryAt: number | null;
  cooldownMs: number;
  minute: number;
  minuteRequests: number;
  minuteTokens: number;
  day: string;
  dayRequests: number;
  dayTokens: number;
  touchedAt: number;
}

export interface MemoryStateOptions {
  /** Idle entries (not blocked, breaker closed) are dropped after this; default 26 h so day counts survive. */
  idleTtlMs?: number;
  /** Hard cap; the least recently written entries go first. */
  maxEntries?: number;
  now?: () => number;
}

/** RoutingState for one process. Memory stays flat: idle entries expire and the map is capped. */
export class MemoryRoutingState implements RoutingState {
  private entries = new Map<Target, Entry>();
  private versions = new Map<string, number>();
  private readonly idleTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private nextSweep = 0;

  constructor(options: MemoryStateOptions = {}) {
    this.idleTtlMs = options.idleTtlMs ?? 26 * 3_600_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async snapshot(targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<Map<Target, TargetSnapshot>> {
    const now = this.now();
    const out = new Map<Target, TargetSnapshot>();
    for (const target of targets) {
      const entry = this.entries.get(target);
      if (!entry) {
        out.set(target, clean());
        continue;
      }
      const w = windows(target);
      const blocked = entry.blockedUntil !== null && entry.blockedUntil > now;
      out.set(target, {
        blockedUntil: blocked ? entry.blockedUntil : null,
        reason: blocked ? entry.reason : null,
        breaker: this.breakerView(entry, now),
        usage: {
          minuteRequests: entry.minute === w.minute ? entry.minuteRequests : 0,
          minuteTokens: entry.minute === w.minute ? entry.minuteTokens : 0,
          dayRequests: entry.day === w.day ? entry.dayRequests : 0,
          dayTokens: entry.day === w.day ? entry.dayTokens : 0,
        },
      });
    }
    return out;
  }

  async snapshotFor(userId: string, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot> {
    return { version: this.versions.get(userId) ?? 0, targets: await this.snapshot(targets, windows) };
  }

  async routingChanged(userId: string): Promise<void> {
    this.versions.set(userId, (this.versions.get(userId) ?? 0) + 1);
  }

  async block(target: Target, until: number, reason: BlockReason): Promise<void> {
    const entry = this.write(target);
    if (entry.blockedUntil === null || until > entry.blockedUntil || entry.blockedUntil <= this.now()) {
      entry.blockedUntil = until;
      entry.reason = reason;
    }
  }

  async recordUsage(targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): Promise<void> {
    for (const target of targets) {
      const entry = this.write(target);
      if (entry.minute !== windows.minute) Object.assign(entry, { minute: windows.minute, minuteRequests: 0, minuteTokens: 0 });
      if (entry.day !== windows.day) Object.assign(entry, { day: windows.day, dayRequests: 0, dayTokens: 0 });
      entry.minuteRequests += usage.requests;
      entry.dayRequests += usage.requests;
      entry.minuteTokens += usage.tokens;
      entry.dayTokens += usage.tokens;
    }
  }

  async recordSuccess(target: Target): Promise<void> {
    const entry = this.entries.get(target);
    if (!entry) return;
    entry.breaker = "closed";
    entry.failures = 0;
    entry.retryAt = null;
  }

  async recordFailure(target: Target, policy: BreakerPolicy): Promise<void> {
    const entry = this.write(target);
    const now = this.now();
    entry.failures++;
    entry.cooldownMs = policy.cooldownMs;
    if (entry.breaker === "half_open" || entry.failures >= policy.threshold) {
      entry.breaker = "open";
      entry.retryAt = now + policy.cooldownMs;
    }
  }

  async clearKey(providerKeyId: string): Promise<void> {
    const prefix = `${providerKeyId}:`;
    for (const [target, entry] of this.entries) {
      if (!target.startsWith(prefix)) continue;
      Object.assign(entry, { blockedUntil: null, reason: null, breaker: "closed", failures: 0, retryAt: null });
    }
  }

  async listBlocked(prefix = ""): Promise<Array<{ target: Target; until: number; reason: BlockReason | "circuit_open" }>> {
    const now = this.now();
    const out: Array<{ target: Target; until: number; reason: BlockReason | "circuit_open" }> = [];
    for (const [target, entry] of this.entries) {
      if (!target.startsWith(prefix)) continue;
      if (entry.blockedUntil !== null && entry.blockedUntil > now) out.push({ target, until: entry.blockedUntil, reason: entry.reason! });
      else if (entry.breaker !== "closed" && entry.retryAt !== null) out.push({ target, until: entry.retryAt, reason: "circuit_open" });
    }
    return out;
  }

  async claimProbe(target: Target): Promise<boolean> {
    const entry = this.entries.get(target);
    const now = this.now();
    if (!entry || !probeDue(entry, now)) return false;
    entry.breaker = "half_open";
    entry.retryAt = now + entry.cooldownMs;
    return true;
  }

  /** Past its cooldown an open breaker shows half_open until a caller claims the probe; then open until it reports. */
  private breakerView(entry: Entry, now: number): TargetSnapshot["breaker"] {
    if (probeDue(entry, now)) return { state: "half_open", consecutiveFailures: entry.failures, retryAt: null };
    const state = entry.breaker === "half_open" ? "open" : entry.breaker;
    return { state, consecutiveFailures: entry.failures, retryAt: entry.retryAt };
  }

  private write(target: Target): Entry {
    const now = this.now();
    if (now >= this.nextSweep || this.entries.size >= this.maxEntries) this.sweep(now);
    let entry = this.entries.get(target);
    if (entry) this.entries.delete(target);
    else entry = newEntry();
    entry.touchedAt = now;
    this.entries.set(target, entry);
    return entry;
  }

  private sweep(now: number): void {
    this.nextSweep = now + 60_000;
    for (const [target, entry] of this.entries) {
      const blocked = entry.blockedUntil !== null && entry.blockedUntil > now;
      const breakerBusy = entry.breaker !== "closed" && entry.retryAt !== null && entry.retryAt + entry.cooldownMs > now;
      if (!blocked && !breakerBusy && now - entry.touchedAt > this.idleTtlMs) this.entries.delete(target);
    }
    // Map order is write order, so the first keys are the least recently written. Evicting to 90%
    // keeps a full map from sweeping on every write.
    if (this.entries.size < this.maxEntries) return;
    for (const target of this.entries.keys()) {
      if (this.entries.size < this.maxEntries * 0.9) break;
      this.entries.delete(target);
    }
  }
}

const probeDue = (entry: Entry, now: number) => entry.breaker !== "closed" && entry.retryAt !== null && entry.retryAt <= now;

function clean(): TargetSnapshot {
  return {
    blockedUntil: null,
    reason: null,
    breaker: { state: "closed", consecutiveFailures: 0, retryAt: null },
    usage: { minuteRequests: 0, minuteTokens: 0, dayRequests: 0, dayTokens: 0 },
  };
}

function newEntry(): Entry {
  return {
    blockedUntil: null,
    reason: null,
    breaker: "closed",
    failures: 0,
    retryAt: null,
    cooldownMs: 0,
    minute: -1,
    minuteRequests: 0,
    minuteTokens: 0,
    day: "",
    dayRequests: 0,
    dayTokens: 0,
    touchedAt: 0,
  };
}
