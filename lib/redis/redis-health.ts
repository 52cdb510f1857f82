export type RedisHealthStatus = "ok" | "degraded" | "disabled";

export interface RedisHealthOptions {
  /** One cheap round trip (PING) used to notice that Redis answers again. */
  ping: () => Promise<unknown>;
  probeIntervalMs?: number;
  warnIntervalMs?: number;
  warn?: (message: string) => void;
}

/**
 * Whether the shared backend is usable. Callers report each outcome; while degraded they skip
 * Redis entirely (so a hung Redis costs one timeout, not one per request) and a background
 * PING every few seconds flips the state back to ok once Redis answers.
 */
export class RedisHealth {
  private degraded = false;
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private probe: ReturnType<typeof setInterval> | null = null;
  private probing = false;
  private readonly probeIntervalMs: number;
  private readonly warnIntervalMs: number;
  private readonly warn: (message: string) => void;

  constructor(private readonly options: RedisHealthOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 2_000;
    this.warnIntervalMs = options.warnIntervalMs ?? 60_000;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  get status(): "ok" | "degraded" {
    return this.degraded ? "degraded" : "ok";
  }

  isDegraded(): boolean {
    return this.degraded;
  }

  reportFailure(error: unknown): void {
    this.degraded = true;
    const now = Date.now();
    // One line per minute at most: an outage must not flood the logs at request rate.
    if (now - this.lastWarnAt >= this.warnIntervalMs) {
      this.lastWarnAt = now;
      this.warn(`[redis] degraded, serving limits and routing state from this process: ${describeRedisError(error)}`);
    }
    this.startProbe();
  }

  reportSuccess(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.stopProbe();
    this.warn("[redis] reachable again, shared limits and routing state resumed");
  }

  close(): void {
    this.stopProbe();
  }

  private startProbe(): void {
    if (this.probe) return;
    this.probe = setInterval(() => void this.runProbe(), this.probeIntervalMs);
    // The probe must never keep a process (or a test run) alive.
    this.probe.unref?.();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  private async runProbe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await this.options.ping();
      this.reportSuccess();
    } catch (error) {
      this.reportFailure(error);
    } finally {
      this.probing = false;
    }
  }
}

/**
 * The reason without the command: @upstash/redis appends ", command was: [...]" to its errors,
 * and a command names keys built from user, key and end-user ids, which logs must not carry.
 */
export function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(", command was:")[0].slice(0, 200);
}
