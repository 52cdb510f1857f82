import type { Redis } from "@upstash/redis";
import type { BlockReason, BreakerPolicy, RoutingState, Target, TargetSnapshot, UsageWindows, VersionedSnapshot } from "./state";
import {
  BLOCK,
  CLAIM_PROBE,
  CLEAR_PREFIX,
  LIST_BLOCKED,
  READ_ROUTING_VERSION,
  RECORD_FAILURE,
  RECORD_USAGE,
  ROUTING_CHANGED,
  SNAPSHOT,
} from "./routing-state-scripts";
import type { Pipeline } from "@/lib/redis/write-batch";

type Script<T> = { exec(keys: string[], args: string[]): Promise<T> };

const MINUTE_TTL_MS = 120_000;
// Provider days may be Pacific rather than UTC; 49 h after the last write covers either.
const DAY_TTL_MS = 49 * 3_600_000;
// A breaker nobody touched for an hour past its cooldown starts closed again.
const BREAKER_IDLE_MS = 3_600_000;
// Far longer than any instance caches a user's routing (lib/gateway/user-routing.ts).
const VERSION_TTL_MS = 7 * 86_400_000;

/**
 * RoutingState shared by every instance through Redis: what one instance learns (a 429,
 * a dead key) the next request on any instance respects. Each method is one round trip;
 * every key expires on its own. Blocks live in one sorted set (target → until) with a hash of
 * reasons beside it, so listing them needs no SCAN.
 */
export class RedisRoutingState implements RoutingState {
  private readonly blockScript: Script<number>;
  private readonly failureScript: Script<number>;
  private readonly snapshotScript: Script<unknown[]>;
  private readonly claimScript: Script<number>;
  private readonly listScript: Script<unknown[]>;
  private readonly clearScript: Script<unknown[]>;
  private readonly changedScript: Script<number>;
  private readonly versionScript: Script<unknown[]>;
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.blockScript = redis.createScript(BLOCK);
    this.failureScript = redis.createScript(RECORD_FAILURE);
    this.snapshotScript = redis.createScript(SNAPSHOT);
    this.claimScript = redis.createScript(CLAIM_PROBE);
    this.listScript = redis.createScript(LIST_BLOCKED);
    this.clearScript = redis.createScript(CLEAR_PREFIX);
    this.changedScript = redis.createScript(ROUTING_CHANGED);
    this.versionScript = redis.createScript(READ_ROUTING_VERSION);
    const p = `${prefix}:rs`;
    this.keys = {
      blocked: `${p}:blocked`,
      reasons: `${p}:reasons`,
      open: `${p}:open`,
      breaker: (target: Target) => `${p}:cb:${target}`,
      minute: (target: Target, minute: number) => `${p}:u:m:${minute}:${target}`,
      day: (target: Target, day: string) => `${p}:u:d:${day}:${target}`,
      version: (userId: string) => `${p}:v:${userId}`,
    };
  }

  async snapshot(targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<Map<Target, TargetSnapshot>> {
    if (targets.length === 0) return new Map();
    return (await this.read(null, targets, windows)).targets;
  }

  snapshotFor(userId: string, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot> {
    return this.read(userId, targets, windows);
  }

  async routingChanged(userId: string, clearedKeys: readonly string[] = []): Promise<void> {
    await this.changedScript.exec([this.keys.version(userId)], [String(VERSION_TTL_MS), ...clearedKeys]);
  }

  /** The provider keys that changes after `version` cleared (`routingChanged`'s `clearedKeys`). */
  async clearedSince(userId: string, version: number): Promise<string[]> {
    const values = (await this.versionScript.exec([this.keys.version(userId)], [])).map(String);
    const cleared: string[] = [];
    for (let i = 0; i < values.length; i += 2) if (values[i].startsWith("c:") && Number(values[i + 1]) > version) cleared.push(values[i].slice(2));
    return cleared;
  }

  private async read(userId: string | null, targets: readonly Target[], windows: (target: Target) => UsageWindows): Promise<VersionedSnapshot> {
    const result = new Map<Target, TargetSnapshot>();
    const keys = [this.keys.blocked, this.keys.reasons];
    for (const target of targets) {
      const w = windows(target);
      keys.push(this.keys.breaker(target), this.keys.minute(target, w.minute), this.keys.day(target, w.day));
    }
    if (userId !== null) keys.push(this.keys.version(userId));
    const now = this.now();
    const values = await this.snapshotScript.exec(keys, [String(now), userId === null ? "0" : "1", ...targets]);
    targets.forEach((target, i) => {
      const [until, reason, state, failures, retryAt, mr, mt, dr, dt] = values.slice(i * 9, i * 9 + 9).map(orNull);
      const blocked = until !== null && Number(until) > now;
      result.set(target, {
        blockedUntil: blocked ? Number(until) : null,
        reason: blocked ? (String(reason ?? "rate_limited") as BlockReason) : null,
        breaker: {
          state: BREAKER_STATES[Number(state ?? 0)] ?? "closed",
          consecutiveFailures: Number(failures ?? 0),
          retryAt: retryAt === null ? null : Number(retryAt),
        },
        usage: { minuteRequests: Number(mr ?? 0), minuteTokens: Number(mt ?? 0), dayRequests: Number(dr ?? 0), dayTokens: Number(dt ?? 0) },
      });
    });
    return { version: Number(orNull(values[targets.length * 9]) ?? 0), targets: result };
  }

  async block(target: Target, until: number, reason: BlockReason): Promise<void> {
    await this.blockScript.exec([this.keys.blocked, this.keys.reasons], [target, String(Math.floor(until)), reason, String(this.now())]);
  }

  async recordUsage(targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.addUsage(pipeline, targets, windows, usage);
    if (pipeline.length() > 0) await pipeline.exec();
  }

  /** recordUsage's commands, added to a pipeline that carries other writes too (lib/redis/write-batch). */
  addUsage(pipeline: Pipeline, targets: readonly Target[], windows: UsageWindows, usage: { requests: number; tokens: number }): void {
    const tokens = Math.floor(usage.tokens);
    if ((!usage.requests && !tokens) || targets.length === 0) return;
    const keys = targets.flatMap((target) => [this.keys.minute(target, windows.minute), this.keys.day(target, windows.day)]);
    pipeline.eval(RECORD_USAGE, keys, [usage.requests, tokens, MINUTE_TTL_MS, DAY_TTL_MS].map(String));
  }

  async claimProbe(target: Target): Promise<boolean> {
    return (await this.claimScript.exec([this.keys.breaker(target), this.keys.open], [target, String(this.now())])) === 1;
  }

  async recordSuccess(target: Target): Promise<void> {
    await this.redis.multi().del(this.keys.breaker(target)).zrem(this.keys.open, target).exec();
  }

  async recordFailure(target: Target, policy: BreakerPolicy): Promise<void> {
    const args = [target, this.now(), policy.threshold, policy.cooldownMs, policy.cooldownMs + BREAKER_IDLE_MS];
    await this.failureScript.exec([this.keys.breaker(target), this.keys.open], args.map(String));
  }

  /** Two round trips: the script drops the key's blocks and open breakers, then their breaker hashes go. */
  async clearKey(providerKeyId: string): Promise<void> {
    const removed = await this.clearScript.exec([this.keys.blocked, this.keys.reasons, this.keys.open], [`${providerKeyId}:`]);
    const breakers = [...new Set(removed.map(String))].map((target) => this.keys.breaker(target));
    if (breakers.length > 0) await this.redis.del(...breakers);
  }

  async listBlocked(prefix?: string): Promise<Array<{ target: Target; until: number; reason: BlockReason | "circuit_open" }>> {
    const values = await this.listScript.exec([this.keys.blocked, this.keys.reasons, this.keys.open], [String(this.now())]);
    const entries: Array<{ target: Target; until: number; reason: BlockReason | "circuit_open" }> = [];
    for (let i = 0; i < values.length; i += 3) {
      const target = String(values[i]);
      if (prefix && !target.startsWith(prefix)) continue;
      entries.push({ target, until: Number(values[i + 1]), reason: String(values[i + 2]) as BlockReason | "circuit_open" });
    }
    return entries.sort((a, b) => a.until - b.until);
  }
}

/** The SNAPSHOT script's breaker state codes. */
const BREAKER_STATES: ReadonlyArray<TargetSnapshot["breaker"]["state"]> = ["closed", "open", "half_open"];

const orNull = (value: unknown) => (value === undefined || value === false ? null : value);
