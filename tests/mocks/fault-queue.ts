import type { Fault } from "./types";

export type Endpoint = "chat" | "embeddings" | "models";

function matches(fault: Fault, endpoint: Endpoint, model: string | undefined): boolean {
  const where = fault.endpoint ?? "default";
  if (where === "default" ? endpoint === "models" : where !== "any" && where !== endpoint) return false;
  return fault.model === undefined || fault.model === model;
}

/** Scripted faults: queued entries are consumed in order (first match wins), then the default. */
export class FaultQueue {
  private queue: Array<{ fault: Fault; left: number }> = [];
  private fallback: Fault | undefined;

  set(faults: Fault[], fallback?: Fault): void {
    this.queue = faults.map((fault) => ({ fault, left: fault.times ?? 1 }));
    this.fallback = fallback;
  }

  enqueue(faults: Fault[]): void {
    for (const fault of faults) this.queue.push({ fault, left: fault.times ?? 1 });
  }

  setDefault(fault: Fault | undefined): void {
    this.fallback = fault;
  }

  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.left, 0);
  }

  take(endpoint: Endpoint, model: string | undefined): Fault | undefined {
    const i = this.queue.findIndex((entry) => matches(entry.fault, endpoint, model));
    if (i >= 0) {
      const entry = this.queue[i]!;
      entry.left -= 1;
      if (entry.left <= 0) this.queue.splice(i, 1);
      return entry.fault;
    }
    return this.fallback && matches(this.fallback, endpoint, model) ? this.fallback : undefined;
  }

  clear(): void {
    this.queue = [];
    this.fallback = undefined;
  }
}
