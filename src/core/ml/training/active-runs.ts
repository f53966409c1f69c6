import type { ActiveTraining, EpochMetrics } from '../../../shared/api/training';

/**
 * Training runs in progress, so a screen that opens (or re-mounts) mid-run can draw the curves so
 * far instead of waiting for the next epoch. In memory only: a run that ends is a model version.
 */
export class ActiveRuns {
  private readonly runs = new Map<string, ActiveTraining>();

  start(run: Omit<ActiveTraining, 'curves'>): void {
    this.runs.set(run.runId, { ...run, curves: [] });
  }

  epoch(runId: string, m: EpochMetrics): void {
    this.runs.get(runId)?.curves.push(m);
  }

  end(runId: string): void {
    this.runs.delete(runId);
  }

  /** The deck's running training, if any (the newest when several run). */
  forDeck(deckId: number): ActiveTraining | null {
    const list = [...this.runs.values()].filter((r) => r.deckId === deckId);
    const run = list.at(-1);
    return run ? { ...run, curves: [...run.curves] } : null;
  }
}
