import type { BlockReason, BreakerPolicy, RoutingState, Target, TargetSnapshot, UsageWindows, VersionedSnapshot } from "./state";
import type { RedisConnection } from "@/lib/redis/redis-connection";
import type { RedisRoutingState } from "./redis-routing-state";
import { withRedis } from "@/lib/redis/with-redis";
import { queueWrite } from "@/lib/redis/write-batch";

/**
 * The shared state while Redis answers, this process's own state when it does not.
 * Blocks and breaker outcomes are also written locally (they are rare and cheap), so an
 * instance that loses Redis still remembers the 429s and dead keys it saw itself.
 * Usage counters are not mirrored: a local share of a shared count would only mislead; they go
 * out with the other after-response writes in one pipeline (lib/redis/write-batch).
 */
export class FallbackRoutingState implements RoutingState {
  /** The shared routing version last seen per user, to notice the changes other instances made. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly shared: RedisRoutingState,
    private readonly local: RoutingState,
    private readonly connection: RedisConnection,
  ) {}

  snapshot(targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<Map<Target, TargetSnapshot>> {
    return withRedis(
      this.connection,
      () => this.shared.snapshot(targets, windows),
      () => this.local.snapshot(targets, windows),
    );
  }

  async snapshotFor(userId: string, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot> {
    let shared = false;
    const read = await withRedis(
      this.connection,
      async () => {
        const result = await this.shared.snapshotFor(userId, targets, windows);
        shared = true;
        return result;
      },
      () => this.local.snapshotFor(userId, targets, windows),
    );
    if (shared) this.noticeChanges(userId, read.version);
    return read;
  }

  /**
   * Routing changes go to both: the local version serves while Redis is away, and the cleared keys
   * are remembered in Redis so other instances drop their local copies of those blocks too.
   */
  async routingChanged(userId: string, clearedKeys?: readonly string[]): Promise<void> {
    await this.local.routingChanged(userId, clearedKeys);
    await withRedis(this.connection, () => this.shared.routingChanged(userId, clearedKeys), noop);
  }

  /** A newer shared version than this instance saw: another instance may have cleared keys (a recheck), so clear them here too. */
  private noticeChanges(userId: string, version: number): void {
    const before = this.seen.get(userId);
    if (this.seen.size >= MAX_SEEN && before === undefined) this.seen.clear();
    this.seen.set(userId, version);
    if (before === undefined || version <= before) return;
    void withRedis(
      this.connection,
      () => this.shared.clearedSince(userId, before),
      () => [],
    )
      .then((keys) => Promise.all(keys.map((key) => this.local.clearKey(key))))
      .catch(noop);
  }

  async block(target: Target, until: number, reason: BlockReason): Promise<void> {
    await this.local.block(target, until, reason);
    await withRedis(this.connection, () => this.shared.block(target, until, reason), noop);
  }

  recordUsage(targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): Promise<void> {
    return queueWrite(
      this.connection,
      (pipeline) => this.shared.addUsage(pipeline, targets, windows, usage),
      () => this.local.recordUsage(targets, windows, usage),
    );
  }

  claimProbe(target: Target): Promise<boolean> {
    return withRedis(
      this.connection,
      () => this.shared.claimProbe(target),
      () => this.local.claimProbe(target),
    );
  }

  async recordSuccess(target: Target): Promise<void> {
    await this.local.recordSuccess(target);
    await withRedis(this.connection, () => this.shared.recordSuccess(target), noop);
  }

  async recordFailure(target: Target, policy: BreakerPolicy): Promise<void> {
    await this.local.recordFailure(target, policy);
    await withRedis(this.connection, () => this.shared.recordFailure(target, policy), noop);
  }

  async clearKey(providerKeyId: string): Promise<void> {
    await this.local.clearKey(providerKeyId);
    await withRedis(this.connection, () => this.shared.clearKey(providerKeyId), noop);
  }

  listBlocked(prefix?: string): ReturnType<RoutingState["listBlocked"]> {
    return withRedis(
      this.connection,
      () => this.shared.listBlocked(prefix),
      () => this.local.listBlocked(prefix),
    );
  }
}

const noop = () => undefined;
const MAX_SEEN = 10_000;
