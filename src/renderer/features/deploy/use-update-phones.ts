import { useCallback, useState } from 'react';
import type { UpdatePhonesResult, UpdateStep } from '../../../shared/api/deploy';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';

export interface UpdatePhonesState {
  jobId: string | null;
  running: boolean;
  steps: UpdateStep[] | null;
  result: UpdatePhonesResult | null;
  /** Refused at once (no phone, words missing...) or failed on the way. */
  error: unknown;
  cancelled: boolean;
  start(serials: string[]): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

/** "Update phones" from this tab: starts the job and follows its steps (kept by job id, as they may arrive before the reply). */
export function useUpdatePhones(deckId: number): UpdatePhonesState {
  const { client } = useStudio();
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [stepsByJob, setStepsByJob] = useState<Record<string, UpdateStep[]>>({});
  const job = useJob(jobId);
  useStudioEvent('update.steps', (e) => e.deckId === deckId && setStepsByJob((all) => ({ ...all, [e.jobId]: e.steps })));

  const start = useCallback(
    async (serials: string[]) => {
      setStartError(null);
      setJobId(null);
      try {
        const r = await client.startUpdatePhones({ deckId, serials });
        setJobId(r.jobId);
      } catch (e) {
        setStartError(e);
      }
    },
    [client, deckId],
  );
  const done = !!job && job.state !== 'running';
  return {
    jobId,
    running: jobId !== null && !done,
    steps: (jobId && stepsByJob[jobId]) || null,
    result: job?.state === 'finished' ? (job.result as UpdatePhonesResult) : null,
    error: startError ?? (job?.state === 'failed' ? job.error : null),
    cancelled: job?.state === 'cancelled',
    start,
    cancel: () => jobId && void client.cancelJob({ jobId }),
    dismiss: () => {
      setJobId(null);
      setStartError(null);
    },
  };
}
