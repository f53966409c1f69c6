import type { DoctorReport } from '../../shared/api/doctor';
import type { CoreContext } from '../context';
import type { DoctorMemory } from './check-types';
import { runDoctor } from './doctor-job';
import { readReport } from './doctor-repo';

/** Quiet time after an import before checking (a teacher often drops several folders in a row). */
export const DOCTOR_SETTLE_MS = 1500;

/** Decks (with a base model) whose last check is remembered. */
const MEMORIES_KEPT = 8;

interface Running {
  jobId: string;
  computeFeatures: boolean;
  /** Settles (never rejects) when the job has stopped, whatever its outcome. */
  stopped: Promise<void>;
}

/**
 * When the deck doctor runs: by itself after an import (once the deck is quiet for a moment) and
 * when a training starts, or when asked. At most one check per deck at a time: a newer change
 * cancels a check that would report on the deck as it was, and the next one waits for it to stop.
 * Other changes (a move, a delete, a fix) only make the last report stale (`DoctorReport.stale`).
 */
export class DoctorScheduler {
  private readonly running = new Map<number, Running>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** What earlier checks worked out, per deck and base model: re-checks compute only what changed. */
  private readonly memories = new Map<string, DoctorMemory>();
  private closed = false;

  private readonly settleMs: number;
  private readonly run: typeof runDoctor;

  /** `run` stands in for the check itself in tests of the scheduling alone. */
  constructor(
    private readonly ctx: CoreContext,
    opts: { settleMs?: number; run?: typeof runDoctor } = {},
  ) {
    this.settleMs = opts.settleMs ?? DOCTOR_SETTLE_MS;
    this.run = opts.run ?? runDoctor;
    const offs = [
      // Another import into the deck: the check waits for the deck to be quiet after that one too
      // (a slow import used to let the first import's timer check the deck half-imported).
      ctx.events.on('import.started', ({ deckId }) => this.cancelTimer(deckId)),
      ctx.events.on('import.finished', ({ deckId, imported }) => {
        if (imported > 0) this.afterChange(deckId);
      }),
      // The deck's photos are ready for training: the check after an import compares their features.
      ctx.events.on('training.prepared', ({ deckId }) => this.afterPreparation(deckId)),
      ctx.events.on('training.started', ({ deckId }) => this.beforeTraining(deckId)),
      // Features of every photo are cached after a training: a partial report can now be complete.
      ctx.events.on('training.finished', ({ deckId }) => {
        if (this.report(deckId)?.withoutFeatures) this.request(deckId, false);
      }),
    ];
    ctx.onClose(() => {
      this.closed = true;
      offs.forEach((off) => off());
      this.memories.clear();
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
    });
  }

  /**
   * Starts a check now, or returns the running one when it does as much (a check with cached
   * features only is cancelled for one that computes them, which starts once it has stopped).
   */
  start(deckId: number, computeFeatures: boolean): { jobId: string } {
    // This check reads the deck as it is now: one waiting for the deck to settle is not needed.
    this.cancelTimer(deckId);
    const current = this.running.get(deckId);
    if (current && (current.computeFeatures || !computeFeatures)) return { jobId: current.jobId };
    if (current) this.ctx.jobs.cancel(current.jobId);
    return this.launch(deckId, computeFeatures, current?.stopped);
  }

  /**
   * The deck changed by an import: a check of the older deck is cancelled. The next one starts once
   * the deck is quiet, or, when the studio prepares decks for training, once their features are
   * computed (`afterPreparation`), so it finds mislabels and outliers without a training.
   */
  afterChange(deckId: number): void {
    const current = this.running.get(deckId);
    if (current) this.ctx.jobs.cancel(current.jobId);
    if (this.ctx.prepare.enabled && !current?.computeFeatures) {
      this.cancelTimer(deckId);
      return;
    }
    this.later(deckId, current?.computeFeatures ?? false, this.settleMs);
  }

  /** The background preparation of the deck ended: check it with the features now stored. */
  afterPreparation(deckId: number): void {
    if (this.running.get(deckId)?.computeFeatures) return;
    this.later(deckId, false, 0);
  }

  /** A training starts: make sure the deck's report is about the deck being trained. */
  beforeTraining(deckId: number): void {
    const report = this.report(deckId);
    if (report && !report.stale) return;
    this.request(deckId, false);
  }

  private request(deckId: number, computeFeatures: boolean): void {
    if (this.running.has(deckId) || this.timers.has(deckId)) return;
    this.later(deckId, computeFeatures, 0);
  }

  private cancelTimer(deckId: number): void {
    const timer = this.timers.get(deckId);
    if (timer) clearTimeout(timer);
    this.timers.delete(deckId);
  }

  private later(deckId: number, computeFeatures: boolean, ms: number): void {
    this.cancelTimer(deckId);
    const timer = setTimeout(() => {
      this.timers.delete(deckId);
      if (this.closed || !this.ctx.session.current()) return;
      const current = this.running.get(deckId);
      if (current) {
        // Cancelled and stopping: the next check starts after it, never beside it.
        this.ctx.jobs.cancel(current.jobId);
        this.launch(deckId, computeFeatures || current.computeFeatures, current.stopped);
      } else this.launch(deckId, computeFeatures, undefined);
    }, ms);
    this.timers.set(deckId, timer);
  }

  private launch(deckId: number, computeFeatures: boolean, after: Promise<void> | undefined): { jobId: string } {
    const { jobId, done } = this.ctx.jobs.start('doctor', async (job) => {
      if (after) {
        job.progress(0, 1, 'Waiting for the previous check to stop');
        await after;
      }
      job.throwIfCancelled();
      const check = () => {
        // Said once the check really begins: screens and tests see one check of a deck at a time.
        this.ctx.events.emit('doctor.started', { deckId, jobId: job.jobId, computeFeatures });
        return this.run(this.ctx, job, { deckId, computeFeatures, memory: (where) => this.memory(`${deckId}|${where}`) });
      };
      // Computing features needs the cores: a background preparation makes way and resumes after.
      return computeFeatures ? this.ctx.prepare.foreground(check) : check();
    });
    const stopped = done.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(deckId, { jobId, computeFeatures, stopped });
    void stopped.then(() => {
      if (this.running.get(deckId)?.jobId === jobId) this.running.delete(deckId);
    });
    return { jobId };
  }

  private memory(key: string): DoctorMemory {
    let m = this.memories.get(key);
    if (!m) {
      m = { cropVerdicts: new Map(), neighbours: null, ownWord: new Map() };
      // A few decks' worth (about 1 MB each for 5,000 photos); the oldest go first.
      if (this.memories.size >= MEMORIES_KEPT) this.memories.delete(this.memories.keys().next().value!);
      this.memories.set(key, m);
    }
    return m;
  }

  private report(deckId: number): DoctorReport | null {
    const store = this.ctx.session.current();
    return store ? readReport(store.db, deckId) : null;
  }
}
