/**
 * Turns a stream of per-frame probabilities into the word a pupil sees: averaged over the last few
 * frames (one blurry frame does not flip it), shown only when sure enough ("Not sure" otherwise),
 * and changed only after the new reading has held for a few frames, so it does not flicker and is
 * spoken once.
 */
export interface StableOptions {
  /** Frames averaged. */
  window: number;
  /** Averaged probability under which the reading is "not sure". */
  threshold: number;
  /** Consecutive frames a new reading must hold before it is shown. */
  hold: number;
}

export const DEFAULT_STABLE: StableOptions = { window: 4, threshold: 0.6, hold: 3 };

/** What is shown: a class (by index) with its averaged probability, "not sure", or nothing yet. */
export type Shown = { kind: 'word'; index: number; probability: number } | { kind: 'unsure'; probability: number } | { kind: 'waiting' };

export class StableWord {
  private readonly recent: ArrayLike<number>[] = [];
  private candidate: number | null | undefined = undefined;
  private streak = 0;
  private current: Shown = { kind: 'waiting' };

  constructor(private readonly opts: StableOptions = DEFAULT_STABLE) {}

  get shown(): Shown {
    return this.current;
  }

  /** Adds one frame's probabilities; returns true when what is shown changed to another word or to "not sure". */
  push(probabilities: ArrayLike<number>): boolean {
    this.recent.push(Array.from(probabilities));
    if (this.recent.length > this.opts.window) this.recent.shift();
    const n = probabilities.length;
    let best = 0;
    let bestP = -1;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const frame of this.recent) sum += frame[i] ?? 0;
      const avg = sum / this.recent.length;
      if (avg > bestP) {
        bestP = avg;
        best = i;
      }
    }
    const reading = bestP >= this.opts.threshold ? best : null;
    if (reading === this.candidate) this.streak++;
    else {
      this.candidate = reading;
      this.streak = 1;
    }
    const before = this.current;
    const same = reading === null ? before.kind === 'unsure' : before.kind === 'word' && before.index === reading;
    if (same) {
      // Same reading: only the probability moves.
      this.current = reading === null ? { kind: 'unsure', probability: bestP } : { kind: 'word', index: reading, probability: bestP };
      return false;
    }
    if (this.streak < this.opts.hold) return false;
    this.current = reading === null ? { kind: 'unsure', probability: bestP } : { kind: 'word', index: reading, probability: bestP };
    return true;
  }

  reset(): void {
    this.recent.length = 0;
    this.candidate = undefined;
    this.streak = 0;
    this.current = { kind: 'waiting' };
  }
}
