import { useCallback, useSyncExternalStore } from 'react';
import type { EpochMetrics, TrainingRunResult } from '../../../shared/api/training';
import type { JobProgress } from '../../../shared/domain';
import type { StudioErrorPayload } from '../../../shared/errors';
import { useStudio } from '../../api/hooks';
import type { Studio } from '../../api/studio';

/** One training run as the Train screen shows it, from the click to its end. */
export interface LiveRun {
  deckId: number;
  runId: string | null;
  jobId: string | null;
  state: 'starting' | 'running' | 'finished' | 'failed' | 'cancelled';
  /** Epochs the run will do, once known. */
  epochs: number | null;
  curves: EpochMetrics[];
  progress: JobProgress | null;
  result?: TrainingRunResult;
  error?: StudioErrorPayload;
  cancelling: boolean;
}

type Listener = () => void;

/**
 * Screens hear of changes at most this often: a long run sends many epochs a second, and redrawing
 * the charts for each one would starve the page.
 */
const EMIT_EVERY_MS = 100;

/**
 * Training runs by deck, kept for the whole app session so curves and progress survive a switch to
 * another tab and back. Listens to `training.epoch` for every deck; a run the screen did not start
 * (the page was reloaded mid-run) is adopted from its first epoch.
 */
export class TrainingRuns {
  private readonly runs = new Map<number, LiveRun>();
  private readonly listeners = new Set<Listener>();
  private lastEmit = 0;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly studio: Studio) {
    studio.events.on('training.epoch', (p) => {
      let run = this.runs.get(p.deckId);
      if (!run || (run.runId !== null && run.runId !== p.runId && run.state !== 'starting')) {
        if (run && run.state === 'running') return;
        run = this.adopt(p.deckId, p.runId);
      }
      if (run.runId !== null && run.runId !== p.runId) return;
      const { runId: _r, deckId: _d, epochs, ...m } = p;
      this.patch(p.deckId, { runId: p.runId, epochs, curves: [...run.curves.filter((c) => c.epoch < m.epoch), m] });
    });
  }

  get(deckId: number): LiveRun | null {
    return this.runs.get(deckId) ?? null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a run; rejects (with a StudioError) when the core refuses it, leaving no run behind. */
  async start(deckId: number, epochs: number): Promise<void> {
    const cur = this.runs.get(deckId);
    if (cur && (cur.state === 'starting' || cur.state === 'running')) return;
    this.set(deckId, { deckId, runId: null, jobId: null, state: 'starting', epochs, curves: [], progress: null, cancelling: false });
    try {
      const { jobId, runId } = await this.studio.client.startTraining({ deckId });
      this.patch(deckId, { jobId, runId, state: 'running' });
      this.follow(deckId, jobId);
    } catch (e) {
      this.runs.delete(deckId);
      this.emit();
      throw e;
    }
  }

  async cancel(deckId: number): Promise<void> {
    const run = this.runs.get(deckId);
    if (!run?.jobId || run.state !== 'running') return;
    this.patch(deckId, { cancelling: true });
    await this.studio.client.cancelJob({ jobId: run.jobId });
  }

  /** Forgets an ended run (the teacher closed its card, or its version is now shown). */
  dismiss(deckId: number): void {
    const run = this.runs.get(deckId);
    if (run && run.state !== 'starting' && run.state !== 'running') {
      this.runs.delete(deckId);
      this.emit();
    }
  }

  private follow(deckId: number, jobId: string): void {
    // The tracker may call back before watch() returns: stop only ever runs deferred.
    const stop = this.studio.jobs.watch(jobId, (job) => {
      const run = this.runs.get(deckId);
      if (!run || run.jobId !== jobId) return void queueMicrotask(() => stop());
      if (job.state === 'running') {
        if (job.progress) this.patch(deckId, { progress: job.progress });
        return;
      }
      queueMicrotask(() => stop());
      this.patch(deckId, {
        state: job.state,
        progress: job.progress ?? run.progress,
        result: job.state === 'finished' ? (job.result as TrainingRunResult) : undefined,
        error: job.error,
        cancelling: false,
      });
    });
  }

  /** A run we did not start: find its job so Cancel works (when exactly one training job runs). */
  private adopt(deckId: number, runId: string): LiveRun {
    const run: LiveRun = { deckId, runId, jobId: null, state: 'running', epochs: null, curves: [], progress: null, cancelling: false };
    this.set(deckId, run);
    this.studio.client.listJobs().then(
      (jobs) => {
        const training = jobs.filter((j) => j.kind === 'training' && j.state === 'running');
        if (training.length === 1 && this.runs.get(deckId)?.runId === runId) {
          this.patch(deckId, { jobId: training[0].jobId });
          this.follow(deckId, training[0].jobId);
        }
      },
      () => undefined,
    );
    return run;
  }

  private set(deckId: number, run: LiveRun): void {
    this.runs.set(deckId, run);
    this.emit();
  }

  private patch(deckId: number, p: Partial<LiveRun>): void {
    const run = this.runs.get(deckId);
    if (run) this.set(deckId, { ...run, ...p });
  }

  private emit(): void {
    if (this.emitTimer) return;
    const wait = this.lastEmit + EMIT_EVERY_MS - Date.now();
    const run = () => {
      this.emitTimer = null;
      this.lastEmit = Date.now();
      for (const l of [...this.listeners]) l();
    };
    if (wait <= 0) run();
    else this.emitTimer = setTimeout(run, wait);
  }
}

const stores = new WeakMap<Studio, TrainingRuns>();

export function trainingRuns(studio: Studio): TrainingRuns {
  let s = stores.get(studio);
  if (!s) stores.set(studio, (s = new TrainingRuns(studio)));
  return s;
}

/** The deck's current or last run, re-rendering on every change (use it where the live details are drawn). */
export function useTrainingRun(deckId: number): { run: LiveRun | null; runs: TrainingRuns } {
  const studio = useStudio();
  const runs = trainingRuns(studio);
  const subscribe = useCallback((l: Listener) => runs.subscribe(l), [runs]);
  const run = useSyncExternalStore(subscribe, () => runs.get(deckId));
  return { run, runs };
}

/** Only the state of the deck's run: re-renders when it starts or ends, not on every epoch. */
export function useTrainingRunState(deckId: number): { state: LiveRun['state'] | null; runs: TrainingRuns } {
  const studio = useStudio();
  const runs = trainingRuns(studio);
  const subscribe = useCallback((l: Listener) => runs.subscribe(l), [runs]);
  const state = useSyncExternalStore(subscribe, () => runs.get(deckId)?.state ?? null);
  return { state, runs };
}
