import type { StudioClient } from '../../shared/api';
import type { JobProgress } from '../../shared/domain';
import type { StudioErrorPayload } from '../../shared/errors';
import type { EventHub } from './client';

export interface TrackedJob {
  jobId: string;
  state: 'running' | 'finished' | 'failed' | 'cancelled';
  progress: JobProgress | null;
  result?: unknown;
  error?: StudioErrorPayload;
}

const KEEP = 100;

/**
 * Remembers every job's latest progress and its end, from the moment the app starts. A screen that
 * starts a job may hear its first events before the call's reply arrives; nothing is lost this way.
 */
export class JobTracker {
  private readonly jobs = new Map<string, TrackedJob>();
  private readonly watchers = new Map<string, Set<(job: TrackedJob) => void>>();

  constructor(
    hub: EventHub,
    private readonly client: StudioClient,
  ) {
    hub.on('job.progress', (p) => this.update(p.jobId, { progress: p }));
    hub.on('job.finished', (p) => this.update(p.jobId, { state: 'finished', result: p.result }));
    hub.on('job.failed', (p) => this.update(p.jobId, { state: p.cancelled ? 'cancelled' : 'failed', error: p.error }));
  }

  get(jobId: string): TrackedJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Calls `cb` now (if anything is known) and on every change; asks the core for a snapshot once. */
  watch(jobId: string, cb: (job: TrackedJob) => void): () => void {
    let set = this.watchers.get(jobId);
    if (!set) this.watchers.set(jobId, (set = new Set()));
    set.add(cb);
    const known = this.jobs.get(jobId);
    if (known) cb(known);
    if (!known || known.state === 'running') {
      this.client.getJob({ jobId }).then(
        (snap) => {
          const cur = this.jobs.get(jobId);
          // Events are fresher than the snapshot unless the snapshot says the job ended.
          if (cur && cur.state !== 'running') return;
          if (snap.state === 'running' && cur?.progress) return;
          const { state, result, error, startedAt: _s, ...progress } = snap;
          this.update(jobId, { state, result, error, progress });
        },
        () => undefined,
      );
    }
    return () => set.delete(cb);
  }

  /** Resolves with the job's result when it finishes; rejects with its error payload otherwise. */
  wait(jobId: string): Promise<TrackedJob> {
    return new Promise((resolve) => {
      const stop = this.watch(jobId, (job) => {
        if (job.state !== 'running') {
          queueMicrotask(() => stop());
          resolve(job);
        }
      });
    });
  }

  private update(jobId: string, patch: Partial<TrackedJob>): void {
    const prev = this.jobs.get(jobId) ?? { jobId, state: 'running' as const, progress: null };
    // A late progress event must not reopen a job that already ended.
    const next: TrackedJob = { ...prev, ...patch, state: prev.state !== 'running' ? prev.state : (patch.state ?? prev.state) };
    this.jobs.set(jobId, next);
    if (this.jobs.size > KEEP) {
      const oldest = this.jobs.keys().next().value;
      if (oldest !== undefined && oldest !== jobId) this.jobs.delete(oldest);
    }
    const set = this.watchers.get(jobId);
    if (set) for (const cb of [...set]) cb(next);
  }
}
