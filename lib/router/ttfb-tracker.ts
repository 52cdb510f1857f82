const ALPHA = 0.3;
const MAX_ENTRIES = 5_000;

/** Exponentially weighted time-to-first-token per provider+model, for `free-fast`. Process-local. */
export class TtfbTracker {
  private values = new Map<string, number>();

  record(providerId: string, model: string, ms: number): void {
    const key = `${providerId}/${model}`;
    const previous = this.values.get(key);
    if (previous === undefined && this.values.size >= MAX_ENTRIES) this.values.clear();
    this.values.set(key, previous === undefined ? ms : previous + ALPHA * (ms - previous));
  }

  get(providerId: string, model: string): number | undefined {
    return this.values.get(`${providerId}/${model}`);
  }

  clear(): void {
    this.values.clear();
  }
}

export const ttfbTracker = new TtfbTracker();
