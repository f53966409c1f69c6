import type { FeaturesResult, TrainingPreparation as PreparationStatus } from '../../../shared/api/training';
import type { EventBus } from '../../event-bus';
import type { JobContext, JobRunner } from '../../jobs/job-runner';
import type { ResolvedOptions } from '../../options';
import { getDeck, listDecks } from '../../store/decks-repo';
import type { ProjectSession } from '../../store/project-session';
import type { ProjectStore } from '../../store/project-store';
import { ensureBaseModel } from '../base-models/base-model-service';
import { locateBaseModel } from '../base-models/base-model-locator';
import { computeMissingFeatures } from '../features/features-job';
import { loadDeckDataset } from './deck-dataset';
import { readDeckConfig } from './training-config-repo';
import { trainingFeatureNeeds } from './training-needs';
import { deckReadiness } from './training-readiness';
import { resolveSettings } from './training-settings';

/** Quiet time after photos arrive before preparing (a teacher often drops several folders, or shoots bursts, in a row). */
export const PREPARE_SETTLE_MS = 1500;

interface Running {
  deckId: number;
  store: ProjectStore;
  jobId: string;
  /** Cancelled to make way for foreground work: the deck waits to be resumed. */
  resume: boolean;
  /** The deck was deleted: what is still arriving is not saved. */
  discard: boolean;
  /** Settles (never rejects) once the job has stopped. */
  stopped: Promise<void>;
}

interface Deps {
  options: ResolvedOptions;
  events: EventBus;
  jobs: JobRunner;
  session: ProjectSession;
}

/**
 * Gets decks ready for training in the background: once photos stop arriving, the features a
 * training with the deck's current settings needs are computed through the shared feature pool
 * and stored as they come, so the teacher's first "Train" only fits the model and the deck doctor
 * can compare photos without a training.
 *
 * One preparation job at a time (the pool already uses every core). Foreground work that needs the
 * cores (a training, a whole-deck check, an import) takes over through `foreground`: the running
 * preparation is cancelled (what it computed is stored; at most one batch in flight is lost to
 * the cancel) and resumes, computing only the rest, once the last foreground work has ended.
 * Cancelling rather than joining keeps one owner of the pool at a time and lets a training of
 * another deck, or with other settings, start at once.
 */
export class TrainingPreparation {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Decks (of the project open when they were asked for) whose turn has come, oldest first. */
  private readonly waiting = new Map<number, ProjectStore>();
  private running: Running | null = null;
  private holds = 0;
  private closed = false;
  /** The look, just after a project opened, for decks it left unprepared. */
  private opening: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly opts: { enabled: boolean; settleMs?: number },
  ) {
    if (!opts.enabled) return;
    deps.events.on('import.finished', ({ deckId, imported }) => {
      if (imported > 0) this.afterChange(deckId);
    });
    // A deleted deck: its preparation stops and what is still arriving is dropped.
    deps.events.on('photos.changed', ({ deckId }) => {
      if (!this.deckExists(deckId)) this.forget(deckId);
    });
  }

  get enabled(): boolean {
    return this.opts.enabled;
  }

  /** Photos arrived or the settings changed: prepare once the deck has been quiet for a moment. */
  afterChange(deckId: number): void {
    if (!this.opts.enabled || this.closed) return;
    const store = this.deps.session.current();
    if (!store) return;
    // A job preparing the older deck would miss the new photos: stop it; the new one computes the rest.
    if (this.running?.deckId === deckId) this.cancelRunning({ resume: false });
    this.afterSettle(deckId, store);
  }

  /**
   * A project was opened or created: its decks whose photos are not all ready (it was closed before
   * their turn, or an earlier studio never prepared them) are prepared as after an import. The look
   * runs after the open has answered, deck by deck, a few queries each: opening stays instant.
   */
  enterProject(): void {
    if (!this.opts.enabled || this.closed) return;
    const store = this.deps.session.current();
    if (!store) return;
    if (this.opening) clearTimeout(this.opening);
    this.opening = setTimeout(() => {
      this.opening = null;
      void this.resumeDecks(store);
    }, 0);
  }

  /**
   * Runs work that needs the cores (training, a whole-deck check, an import) without a preparation
   * beside it: a running one stops first and resumes after the last such work has ended.
   */
  async foreground<T>(body: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      if (this.running) {
        const { stopped } = this.running;
        this.cancelRunning({ resume: true });
        await stopped;
      }
      return await body();
    } finally {
      this.holds--;
      this.pump();
    }
  }

  status(deckId: number): PreparationStatus {
    const store = this.deps.session.require();
    getDeck(store.db, deckId);
    const { ready, photos, unreadable } = deckReadiness(store.db, deckId);
    const running = this.running?.deckId === deckId && this.running.store === store ? this.running : null;
    const waiting = this.isWaiting(deckId) && this.baseModelHere(store, deckId);
    const state = !this.opts.enabled ? 'off' : running ? 'running' : waiting ? 'waiting' : 'idle';
    return { deckId, state, jobId: running?.jobId ?? null, ready, photos, unreadable };
  }

  /**
   * The project is being closed or swapped: none of its decks is prepared any more. The caller
   * cancels the running job with every other job of the project; it does not resume.
   */
  leaveProject(): void {
    if (this.opening) clearTimeout(this.opening);
    this.opening = null;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
    if (this.running) this.running.resume = false;
  }

  /** Stops everything (closing the core); jobs themselves are cancelled by the job runner. */
  close(): void {
    this.closed = true;
    this.leaveProject();
  }

  private pump(): void {
    if (this.closed || this.holds > 0 || this.running) return;
    const current = this.deps.session.current();
    for (const [deckId, store] of this.waiting) {
      this.waiting.delete(deckId);
      // Asked for in a project that has since been closed or swapped: not this one's deck.
      if (store !== current || !store.isOpen || !this.deckExists(deckId)) continue;
      this.launch(deckId, store);
      return;
    }
  }

  private launch(deckId: number, store: ProjectStore): void {
    const entry: Running = { deckId, store, jobId: '', resume: false, discard: false, stopped: Promise.resolve() };
    const { jobId, done } = this.deps.jobs.start('prepare', (job) => this.prepare(job, entry));
    entry.jobId = jobId;
    entry.stopped = done.then(
      () => undefined,
      () => undefined,
    );
    this.running = entry;
    this.deps.events.emit('training.preparing', { deckId, jobId });
    void done.then(
      () => this.ended(entry, true),
      (e: unknown) => this.ended(entry, (e as { code?: string }).code !== 'JOB_CANCELLED'),
    );
  }

  private ended(entry: Running, reportIt: boolean): void {
    if (this.running === entry) this.running = null;
    const { deckId, store } = entry;
    const open = store.isOpen && this.deps.session.current() === store;
    if (open && !entry.discard && this.deckExists(deckId)) {
      if (entry.resume && !this.timers.has(deckId)) {
        this.waiting.set(deckId, store);
        this.announceWaiting(store, deckId);
      }
      // Photos still waiting for their turn: "ready" would be claimed too early; the next run reports.
      if (reportIt && !this.isWaiting(deckId)) this.deps.events.emit('training.prepared', { deckId, ...deckReadiness(store.db, deckId) });
    }
    this.pump();
  }

  /** Waits for the deck to be quiet before its turn; says so at once (the line shows "Getting photos ready…"). */
  private afterSettle(deckId: number, store: ProjectStore): void {
    this.waiting.delete(deckId);
    const old = this.timers.get(deckId);
    if (old) clearTimeout(old);
    const timer = setTimeout(() => {
      this.timers.delete(deckId);
      this.waiting.set(deckId, store);
      this.pump();
    }, this.opts.settleMs ?? PREPARE_SETTLE_MS);
    this.timers.set(deckId, timer);
    this.announceWaiting(store, deckId);
  }

  private async resumeDecks(store: ProjectStore): Promise<void> {
    const still = () => !this.closed && store.isOpen && this.deps.session.current() === store;
    if (!still()) return;
    for (const { id } of listDecks(store.db)) {
      // One deck per turn of the event loop: calls arriving meanwhile are answered between decks.
      await new Promise((resolve) => setImmediate(resolve));
      if (!still() || !this.deckExists(id)) return;
      if (this.isWaiting(id) || this.running?.deckId === id || !this.baseModelHere(store, id)) continue;
      // Photos that cannot be decoded are not waiting for anything: preparing again would not help.
      const { ready, photos, unreadable } = deckReadiness(store.db, id);
      if (ready + unreadable < photos) this.afterSettle(id, store);
    }
  }

  private announceWaiting(store: ProjectStore, deckId: number): void {
    // A deck whose base model is not on this machine is not prepared (downloading is the teacher's call): nothing to announce.
    if (this.baseModelHere(store, deckId)) this.deps.events.emit('training.waiting', { deckId });
  }

  private isWaiting(deckId: number): boolean {
    return this.timers.has(deckId) || this.waiting.has(deckId);
  }

  /** Whether the deck's base model is on this machine (`baseModelId`: the deck's, when already read). */
  private baseModelHere(store: ProjectStore, deckId: number, baseModelId = readDeckConfig(store.db, deckId).baseModelId): boolean {
    return locateBaseModel(baseModelId, this.deps.options).dir !== null;
  }

  private async prepare(job: JobContext, entry: Running): Promise<FeaturesResult | null> {
    const { store, deckId } = entry;
    const { baseModelId, settings } = readDeckConfig(store.db, deckId);
    // In the background the base model is only used if it is here: a download is the teacher's call (Train does it).
    if (!this.baseModelHere(store, deckId, baseModelId)) return null;
    const model = await ensureBaseModel(baseModelId, this.deps.options, { signal: job.signal });
    job.throwIfCancelled();
    const [plain, ...more] = trainingFeatureNeeds(loadDeckDataset(store.db, deckId), resolveSettings(settings));
    // Counted over the deck's photos, not only those still missing something: "120 of 240".
    const photos = new Set(plain.photos.map((p) => p.sha256)).size;
    const counted: JobContext = {
      ...job,
      progress: (done, total) =>
        job.progress(photos - total + done, photos, `Getting photos ready for training: ${photos - total + done} of ${photos}`),
    };
    return computeMissingFeatures({
      db: store.db,
      projectDir: store.dir,
      model,
      ...plain,
      more,
      job: counted,
      keepResults: () => !entry.discard,
    });
  }

  private cancelRunning(how: { resume: boolean; discard?: boolean }): void {
    const r = this.running;
    if (!r) return;
    r.resume = how.resume;
    r.discard ||= how.discard === true;
    try {
      this.deps.jobs.cancel(r.jobId);
    } catch {
      // Already ended and forgotten: nothing to stop.
    }
  }

  private forget(deckId: number): void {
    const timer = this.timers.get(deckId);
    if (timer) clearTimeout(timer);
    this.timers.delete(deckId);
    this.waiting.delete(deckId);
    if (this.running?.deckId === deckId) this.cancelRunning({ resume: false, discard: true });
  }

  private deckExists(deckId: number): boolean {
    const store = this.deps.session.current();
    if (!store?.isOpen) return false;
    try {
      getDeck(store.db, deckId);
      return true;
    } catch {
      return false;
    }
  }
}
