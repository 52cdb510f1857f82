import type { BlockReason, BreakerPolicy, RoutingState, Target, TargetSnapshot, UsageWindows } from "@/lib/router/state";
import type { RedisConnection } from "./redis-connection";
import type { RedisRoutingState } from "./redis-routing-state";
import { withRedis } from "./with-redis";
import { queueWrite } from "./write-batch";

/**
 * The shared state while Redis answers, this process's own state when it does not.
 * Blocks and breaker outcomes are also written locally (they are rare and cheap), so an
 * instance that loses Redis still remembers the 429s and dead keys it saw itself.
 * Usage counters are not mirrored: a local share of a shared count would only mislead; they go
 * out with the other after-response writes in one pipeline (lib/redis/write-batch).
 */
export class FallbackRoutingState implements RoutingState {
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
