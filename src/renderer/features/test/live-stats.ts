/**
 * Frames per second and latency of the live test, over the last few seconds: what the Test screen
 * shows and what the live benchmark reports.
 */
export class LiveStats {
  private readonly ends: number[] = [];
  private readonly latencies: number[] = [];
  private readonly prepares: number[] = [];

  constructor(private readonly keep = 60) {}

  /** One classified frame: when it finished (ms) and how long it took from grabbing the frame. */
  push(endedAt: number, latencyMs: number, prepareMs = 0): void {
    this.ends.push(endedAt);
    this.latencies.push(latencyMs);
    this.prepares.push(prepareMs);
    if (this.ends.length > this.keep) {
      this.ends.shift();
      this.latencies.shift();
      this.prepares.shift();
    }
  }

  get fps(): number {
    const n = this.ends.length;
    if (n < 2) return 0;
    const span = this.ends[n - 1] - this.ends[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  /** The latency below which `q` (0..1) of the recent frames were done. */
  latency(q: number): number {
    return quantile(this.latencies, q);
  }

  /** Median time spent preparing pixels (the rest of the latency is the network). */
  get prepareMedian(): number {
    return quantile(this.prepares, 0.5);
  }

  reset(): void {
    this.ends.length = 0;
    this.latencies.length = 0;
    this.prepares.length = 0;
  }
}

/** Nearest-rank quantile; 0 for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
