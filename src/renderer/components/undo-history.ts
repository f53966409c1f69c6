/** One thing the teacher did that can be taken back (and done again). */
export interface UndoEntry {
  /** What was done, as the teacher would say it: "Moved 3 photos to orange". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * The session's curation history: Undo takes back the latest action, Redo does it again, and a new
 * action drops what was undone. Steps run one at a time, in order, however fast the keys are pressed.
 * No React in here.
 */
export class UndoHistory {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit = 100) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  push(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** Takes back the latest action; resolves with it, or null when there is nothing to undo. */
  undo(): Promise<UndoEntry | null> {
    return this.step(this.done, this.undone, (e) => e.undo());
  }

  /** Does again the latest undone action; resolves with it, or null when there is nothing to redo. */
  redo(): Promise<UndoEntry | null> {
    return this.step(this.undone, this.done, (e) => e.redo());
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  private step(from: UndoEntry[], to: UndoEntry[], run: (e: UndoEntry) => Promise<void>): Promise<UndoEntry | null> {
    const next = this.queue.then(async () => {
      const entry = from.pop();
      if (!entry) return null;
      try {
        await run(entry);
      } catch (e) {
        // It could not be done (the photos were deleted for good, say): keep history as it was.
        from.push(entry);
        throw e;
      }
      to.push(entry);
      return entry;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
