/**
 * Lets concurrent tasks take one step in index order: task i's turn comes once tasks 0..i-1 have
 * called `done`. Import decodes several photos at once but inserts their rows in the order of the
 * files, so photo ids follow frame order and training's validation blocks are whole bursts.
 * Every index handed out must reach `done` (call it in a finally), or later turns never come.
 */
export class InOrder {
  private nextDue = 0;
  private readonly finished = new Set<number>();
  private readonly waiting = new Map<number, () => void>();

  turn(index: number): Promise<void> {
    if (index <= this.nextDue) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(index, resolve));
  }

  done(index: number): void {
    this.finished.add(index);
    while (this.finished.delete(this.nextDue)) this.nextDue++;
    const wake = this.waiting.get(this.nextDue);
    if (wake) {
      this.waiting.delete(this.nextDue);
      wake();
    }
  }
}
