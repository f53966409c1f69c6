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

/**
 * What is shown: a class (by index) with its averaged probability on the last frame it was read, "not
 * sure" (with the best guess's figure), or nothing yet.
 */
export type Shown = { kind: 'word'; index: number; probability: number } | { kind: 'unsure'; probability: number } | { kind: 'waiting' };

export class StableWord {
  private readonly recent: ArrayLike<number>[] = [];
  private average: number[] = [];
  private holding = false;
  private candidate: number | null | undefined = undefined;
  private streak = 0;
  private current: Shown = { kind: 'waiting' };

  constructor(private readonly opts: StableOptions = DEFAULT_STABLE) {}

  get shown(): Shown {
    return this.current;
  }

  /**
   * Each class's probability averaged over the recent frames: the numbers behind what is shown.
   * Screens draw their bars from these, so the bars and the shown percentage never disagree.
   */
  get averaged(): readonly number[] {
    return this.average;
  }

  /** True while a different reading is waiting to hold for enough frames: what is shown is about to change. */
  get changing(): boolean {
    return this.holding;
  }

  /**
   * The figure to print beside what is shown: its averaged probability on the latest frames (the
   * same as its bar), or null while it is about to change. Then the answer still shown is the old
   * one while the figures already follow the new reading: "Nothing I know (0% sure)" over a bar of
   * "pomme 100%" is the contradiction a pupil would see, so no figure is better.
   */
  get figure(): number | null {
    return this.holding || this.current.kind === 'waiting' ? null : this.current.probability;
  }

  /** Adds one frame's probabilities; returns true when what is shown changed to another word or to "not sure". */
  push(probabilities: ArrayLike<number>): boolean {
    this.recent.push(Array.from(probabilities));
    if (this.recent.length > this.opts.window) this.recent.shift();
    const n = probabilities.length;
    let best = 0;
    let bestP = -1;
    this.average = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const frame of this.recent) sum += frame[i] ?? 0;
      const avg = sum / this.recent.length;
      this.average[i] = avg;
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
    this.holding = !same && this.streak < this.opts.hold;
    if (same) {
      // Same reading: only the probability moves.
      this.current = reading === null ? { kind: 'unsure', probability: bestP } : { kind: 'word', index: reading, probability: bestP };
      return false;
    }
    if (this.streak < this.opts.hold) {
      // Still showing the previous answer while a new reading holds: it keeps the figure it was last
      // read with, its own (the best figure now is the new reading's; `figure` is null meanwhile).
      return false;
    }
    this.current = reading === null ? { kind: 'unsure', probability: bestP } : { kind: 'word', index: reading, probability: bestP };
    return true;
  }

  reset(): void {
    this.recent.length = 0;
    this.candidate = undefined;
    this.streak = 0;
    this.current = { kind: 'waiting' };
    this.average = [];
    this.holding = false;
  }
}
