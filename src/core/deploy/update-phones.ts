/**
 * "Update phones": one job that brings a deck's phones up to date. Each step runs as the job it
 * would be on its own (training, export, push), so other screens follow it as usual; this job
 * reports the steps (`update.steps`) and stops the running step when cancelled.
 */
import type { ExportRequest, ExportResult } from '../../shared/api/export';
import type { PushResult } from '../../shared/api/devices';
import type { UpdatePhonesResult, UpdateStep, UpdateStepId } from '../../shared/api/deploy';
import type { TrainingRunResult } from '../../shared/api/training';
import type { Handlers } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/job-runner';
import { deckStatus } from '../revision/deck-status';

const LABEL: Record<UpdateStepId, string> = { train: 'Train', export: 'Export', push: 'Send' };

export interface UpdatePhonesRequest {
  deckId: number;
  serials: string[];
  exportRequest: ExportRequest;
}

export async function runUpdatePhones(ctx: CoreContext, api: Handlers, job: JobContext, req: UpdatePhonesRequest): Promise<UpdatePhonesResult> {
  const db = ctx.session.require().db;
  const status = deckStatus(db, req.deckId);
  const steps: UpdateStep[] = [
    { id: 'train', state: 'waiting', detail: 'Waiting', fraction: null, etaMs: null, jobId: null },
    { id: 'export', state: 'waiting', detail: 'Waiting', fraction: null, etaMs: null, jobId: null },
    { id: 'push', state: 'waiting', detail: 'Waiting', fraction: null, etaMs: null, jobId: null },
  ];
  const emit = () => ctx.events.emit('update.steps', { jobId: job.jobId, deckId: req.deckId, steps: steps.map((s) => ({ ...s })) });
  const set = (id: UpdateStepId, patch: Partial<UpdateStep>) => {
    Object.assign(
      steps.find((s) => s.id === id)!,
      patch,
    );
    const index = steps.findIndex((s) => s.id === id);
    const current = steps[index];
    job.progress(index, steps.length, `${LABEL[id]}: ${current.detail}`);
    emit();
  };

  /** Runs a step's own job to its end, mirroring its progress into the step. */
  const follow = async <T>(id: UpdateStepId, start: () => Promise<{ jobId: string }>): Promise<T> => {
    set(id, { state: 'running', detail: 'Starting', fraction: null });
    const { jobId } = await start();
    const off = ctx.events.on('job.progress', (p) => {
      if (p.jobId !== jobId) return;
      set(id, { jobId, detail: p.message || 'Working', fraction: p.total > 0 ? Math.min(1, p.done / p.total) : null, etaMs: p.etaMs });
    });
    const stop = () => ctx.jobs.cancel(jobId);
    job.signal.addEventListener('abort', stop);
    try {
      set(id, { jobId });
      return (await ctx.jobs.wait(jobId)) as T;
    } catch (e) {
      const code = e instanceof StudioError ? e.code : 'INTERNAL';
      set(id, { state: 'failed', detail: code === 'JOB_CANCELLED' ? 'Stopped' : (e as Error).message, fraction: null, etaMs: null });
      throw e;
    } finally {
      off();
      job.signal.removeEventListener('abort', stop);
    }
  };

  let trained: number | null = null;
  if (status.needs.train) {
    const r = await follow<TrainingRunResult>('train', () => api.startTraining({ deckId: req.deckId }));
    trained = r.number;
    set('train', { state: 'done', detail: `Version ${r.number} trained`, fraction: 1, etaMs: null });
  } else {
    set('train', { state: 'skipped', detail: `Version ${status.model!.number} is up to date` });
  }
  job.throwIfCancelled();

  let exportId: number | null = null;
  if (status.needs.export) {
    const r = await follow<ExportResult>('export', () => api.startExport(req.exportRequest));
    exportId = r.id;
    set('export', {
      state: 'done',
      detail: `Version ${r.decks.find((d) => d.deckId === req.deckId)?.versionNumber ?? ''} exported`,
      fraction: 1,
      etaMs: null,
    });
  } else {
    set('export', { state: 'skipped', detail: `The export of version ${status.export!.versionNumber} is up to date` });
  }
  job.throwIfCancelled();

  const push = await follow<PushResult>('push', () => api.startPush({ deckId: req.deckId, serials: req.serials }));
  const sent = push.phones.filter((p) => p.ok).length;
  set('push', {
    state: sent === push.phones.length ? 'done' : 'failed',
    detail: `${sent} of ${push.phones.length} phone${push.phones.length === 1 ? '' : 's'} updated`,
    fraction: 1,
    etaMs: null,
  });
  return { deckId: req.deckId, trained, exportId, push, steps: steps.map((s) => ({ ...s })) };
}
