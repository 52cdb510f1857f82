import type { BlockReason, BreakerPolicy, RoutingState, Target, TargetSnapshot, UsageWindows, VersionedSnapshot } from "./state";

/** Benches shorter than this are cooldowns: cheap to relearn, not worth a write. */
const MIN_PERSISTED_MS = 5 * 60_000;
const PERSISTED: ReadonlySet<BlockReason> = new Set(["quota_exhausted", "not_on_free_tier", "limit_reached"]);

export interface Bench {
  target: Target;
  until: number;
  reason: BlockReason;
}

/** Where benches outlive the process (the database); every method may fail without harm. */
export interface BenchStore {
  load(now: number): Promise<Bench[]>;
  save(bench: Bench): Promise<void>;
  removeKey(providerKeyId: string): Promise<void>;
}

/**
 * Routing state whose benches until a provider's window resets survive a restart: they are
 * written to a store as they happen and replayed into the state before its first read.
 * Cooldowns, breakers and counters pass straight through.
 */
export class PersistentBenchState implements RoutingState {
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly inner: RoutingState,
    private readonly store: BenchStore,
    private readonly onError: (what: string, error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Replays the stored benches once; reads wait for it, so the first request already skips them. */
  ready(): Promise<void> {
    this.loaded ??= this.store
      .load(this.now())
      .then((benches) => Promise.all(benches.map((b) => this.inner.block(b.target, b.until, b.reason))))
      .then(() => undefined)
      .catch((error) => this.onError("load routing benches", error));
    return this.loaded;
  }

  async snapshot(targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<Map<Target, TargetSnapshot>> {
    await this.ready();
    return this.inner.snapshot(targets, windows);
  }

  async snapshotFor(userId: string, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot> {
    await this.ready();
    return this.inner.snapshotFor(userId, targets, windows);
  }

  routingChanged(userId: string, clearedKeys?: readonly string[]): Promise<void> {
    return this.inner.routingChanged(userId, clearedKeys);
  }

  async block(target: Target, until: number, reason: BlockReason): Promise<void> {
    await this.inner.block(target, until, reason);
    if (PERSISTED.has(reason) && until - this.now() >= MIN_PERSISTED_MS) {
      void this.store.save({ target, until, reason }).catch((error) => this.onError("save a routing bench", error));
    }
  }

  recordUsage(targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): Promise<void> {
    return this.inner.recordUsage(targets, windows, usage);
  }

  claimProbe(target: Target): Promise<boolean> {
    return this.inner.claimProbe(target);
  }

  recordSuccess(target: Target): Promise<void> {
    return this.inner.recordSuccess(target);
  }

  recordFailure(target: Target, policy: BreakerPolicy): Promise<void> {
    return this.inner.recordFailure(target, policy);
  }

  async clearKey(providerKeyId: string): Promise<void> {
    await this.ready();
    await Promise.all([
      this.inner.clearKey(providerKeyId),
      this.store.removeKey(providerKeyId).catch((error) => this.onError("remove routing benches", error)),
    ]);
  }

  async listBlocked(prefix?: string): ReturnType<RoutingState["listBlocked"]> {
    await this.ready();
    return this.inner.listBlocked(prefix);
  }
}
