import { useCallback, useEffect, useState } from 'react';
import type { ExportRequest, ExportResult } from '../../../shared/api/export';
import { useJob, useStudio } from '../../api/hooks';
import type { TrackedJob } from '../../api/job-tracker';

/** The last export started from each deck's tab in this window, so coming back shows it again. */
const lastJobOfDeck = new Map<number, string>();

export interface ExportJob {
  job: TrackedJob | null;
  result: ExportResult | null;
  running: boolean;
  /** A refusal of the request itself (WORDS_MISSING, STACK_BASE_MISMATCH, NOT_TRAINED...). */
  refusal: unknown;
  start(req: ExportRequest): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

/** Starts, follows and cancels the deck's export job. */
export function useExportJob(deckId: number): ExportJob {
  const { client } = useStudio();
  const [jobId, setJobId] = useState<string | null>(() => lastJobOfDeck.get(deckId) ?? null);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const job = useJob(jobId);

  // After a reload of the window: pick up an export the core is still running.
  useEffect(() => {
    if (lastJobOfDeck.has(deckId)) return;
    let live = true;
    client.listJobs().then(
      (jobs) => {
        const running = jobs.find((j) => j.kind === 'export' && j.state === 'running');
        if (live && running) setJobId(running.jobId);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, deckId]);

  const start = useCallback(
    async (req: ExportRequest) => {
      setRefusal(null);
      setStarting(true);
      try {
        const { jobId: id } = await client.startExport(req);
        lastJobOfDeck.set(deckId, id);
        setJobId(id);
      } catch (e) {
        setRefusal(e);
      } finally {
        setStarting(false);
      }
    },
    [client, deckId],
  );

  const cancel = useCallback(() => {
    if (jobId) client.cancelJob({ jobId }).catch(() => undefined);
  }, [client, jobId]);

  const dismiss = useCallback(() => {
    lastJobOfDeck.delete(deckId);
    setJobId(null);
    setRefusal(null);
  }, [deckId]);

  const running = starting || (jobId !== null && (job === null || job.state === 'running'));
  const result = job?.state === 'finished' ? (job.result as ExportResult) : null;
  return { job, result, running, refusal, start, cancel, dismiss };
}
