import { randomUUID } from 'node:crypto';
import type { JobSnapshot } from '../../shared/domain';
import { StudioError, toErrorPayload } from '../../shared/errors';
import type { EventBus } from '../event-bus';

/** Handed to a job's body: report progress, and learn when to stop. */
export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Records progress; emitted at most every 100 ms (and always for a new phase and the last item). */
  progress(done: number, total: number, message?: string): void;
  /** Throws JOB_CANCELLED if cancel was asked for; call it between batches. */
  throwIfCancelled(): void;
}

const EMIT_INTERVAL_MS = 100;
const KEEP_FINISHED = 50;

export function cancelledError(): StudioError {
  return new StudioError('JOB_CANCELLED', 'The job was cancelled.', 'Start it again when you are ready.');
}

/**
 * Runs long work as jobs: a call returns `{ jobId }` at once, progress and the end arrive as events,
 * and `getJob` gives a snapshot for screens that open late.
 */
export class JobRunner {
  private readonly jobs = new Map<string, { snapshot: JobSnapshot; controller: AbortController; done: Promise<void>; outcome: Promise<unknown> }>();

  constructor(private readonly events: EventBus) {}

  start<T>(kind: string, body: (ctx: JobContext) => Promise<T>): { jobId: string; done: Promise<T> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const startedMs = Date.now();
    const snapshot: JobSnapshot = {
      jobId,
      kind,
      state: 'running',
      done: 0,
      total: 0,
      rate: 0,
      etaMs: null,
      message: '',
      startedAt: new Date(startedMs).toISOString(),
    };
    let lastEmit = 0;
    // Rate and time left are judged per phase: a job whose count starts again (photos, then
    // epochs) gets a fresh clock, so its one estimate is not skewed by the phase before.
    let phaseMs = startedMs;
    let phaseDone = 0;
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (done, total, message) => {
        const newPhase = total !== snapshot.total || done < snapshot.done;
        if (newPhase) {
          phaseMs = Date.now();
          phaseDone = Math.min(done, total);
        }
        const elapsed = Math.max(1, Date.now() - phaseMs);
        const counted = done - phaseDone;
        snapshot.done = done;
        snapshot.total = total;
        snapshot.rate = (counted * 1000) / elapsed;
        snapshot.etaMs = counted > 0 && total >= done ? Math.round(((total - done) * elapsed) / counted) : null;
        if (message !== undefined) snapshot.message = message;
        const now = Date.now();
        // A new phase ("Step 2 of 2 · …") is said at once, however soon after the last one: a step that
        // then runs long in silence would otherwise show the previous step's words all along.
        if (now - lastEmit >= EMIT_INTERVAL_MS || done === total || newPhase) {
          lastEmit = now;
          this.events.emit('job.progress', this.progressOf(snapshot));
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelledError();
      },
    };

    const run = (async () => {
      // Let the caller receive the jobId before the first event.
      await new Promise((resolve) => setImmediate(resolve));
      return body(ctx);
    })();
    const done = run.then(
      (result) => {
        snapshot.state = 'finished';
        snapshot.result = result;
        this.events.emit('job.progress', this.progressOf(snapshot));
        this.events.emit('job.finished', { jobId, kind, result });
        this.prune();
        return result;
      },
      (error: unknown) => {
        const payload = toErrorPayload(error);
        const cancelled = payload.code === 'JOB_CANCELLED';
        snapshot.state = cancelled ? 'cancelled' : 'failed';
        snapshot.error = payload;
        this.events.emit('job.failed', { jobId, kind, error: payload, cancelled });
        this.prune();
        throw error;
      },
    );
    // The runner reports failures as events; callers that ignore `done` must not crash the process.
    done.catch(() => undefined);
    this.jobs.set(jobId, {
      snapshot,
      controller,
      done: done.then(
        () => undefined,
        () => undefined,
      ),
      outcome: done,
    });
    return { jobId, done };
  }

  get(jobId: string): JobSnapshot {
    const job = this.jobs.get(jobId);
    if (!job) {
      throw new StudioError('JOB_NOT_FOUND', 'That job is not known.', 'It may have finished long ago; refresh the screen.');
    }
    return { ...job.snapshot };
  }

  /** A job's result, or its error thrown (JOB_CANCELLED when cancelled): for jobs made of jobs. */
  async wait(jobId: string): Promise<unknown> {
    const job = this.jobs.get(jobId);
    if (!job) this.get(jobId);
    return job!.outcome;
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].map((j) => ({ ...j.snapshot }));
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) this.get(jobId);
    job?.controller.abort();
  }

  /** Cancels every running job and waits for them to stop (used when closing a project). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.snapshot.state === 'running');
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((j) => j.done));
  }

  private progressOf(s: JobSnapshot) {
    const { jobId, kind, done, total, rate, etaMs, message } = s;
    return { jobId, kind, done, total, rate, etaMs, message };
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.snapshot.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
