const ALPHA = 0.3;
const MAX_ENTRIES = 5_000;
const WINDOW = 50;
/** Fewer samples than this and the p95 means nothing: callers use their defaults. */
const MIN_SAMPLES = 5;

interface Entry {
  average: number;
  /** A ring of the last WINDOW samples; `next` counts every sample recorded. */
  samples: Float64Array;
  next: number;
  /** The p95 of `samples`, computed on the first read after a sample came in. */
  p95: number | undefined;
}

/** Where p95 sorts a copy of an entry's samples (one process-wide buffer, none per read). */
const scratch = new Float64Array(WINDOW);

/**
 * Time to first token per provider+model, process-local: a running average (orders `free-fast`)
 * and the last 50 samples, whose p95 sets each attempt's first-token deadline and hedge delay.
 */
export class TtfbTracker {
  private values = new Map<string, Entry>();

  record(providerId: string, model: string, ms: number): void {
    const key = `${providerId}/${model}`;
    const entry = this.values.get(key);
    if (!entry) {
      if (this.values.size >= MAX_ENTRIES) this.values.clear();
      const samples = new Float64Array(WINDOW);
      samples[0] = ms;
      this.values.set(key, { average: ms, samples, next: 1, p95: undefined });
      return;
    }
    entry.average += ALPHA * (ms - entry.average);
    entry.samples[entry.next % WINDOW] = ms;
    entry.next++;
    entry.p95 = undefined;
  }

  get(providerId: string, model: string): number | undefined {
    return this.values.get(`${providerId}/${model}`)?.average;
  }

  /** The 95th percentile of the recent samples, or undefined while there are too few. */
  p95(providerId: string, model: string): number | undefined {
    const entry = this.values.get(`${providerId}/${model}`);
    if (!entry) return undefined;
    const count = Math.min(entry.next, WINDOW);
    if (count < MIN_SAMPLES) return undefined;
    // Read before every attempt, after each answer's sample: a typed array sorts numerically in
    // native code, with no comparator called per comparison; the copy goes into one shared buffer.
    if (entry.p95 === undefined) {
      const sorted = scratch.subarray(0, count);
      sorted.set(entry.samples.subarray(0, count));
      sorted.sort();
      entry.p95 = sorted[Math.min(count - 1, Math.ceil(count * 0.95) - 1)];
    }
    return entry.p95;
  }

  clear(): void {
    this.values.clear();
  }
}

export const ttfbTracker = new TtfbTracker();
