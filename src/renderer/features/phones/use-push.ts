import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushResult } from '../../../shared/api/devices';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';
import { foldProgress, resultOf, type PhonesProgress } from './push-progress';

export interface PushState {
  jobId: string | null;
  running: boolean;
  /** The phones being sent to, in order (so rows appear before their first progress event). */
  targets: string[];
  progress: PhonesProgress;
  result: PushResult | null;
  /** The job's error when no per-phone result explains it (no phone, nothing exported...). */
  error: unknown;
  start(serials: string[]): Promise<void>;
  dismiss(): void;
}

/**
 * One push at a time from this tab: starts it, follows each phone's progress (events may arrive
 * before the reply that names the job, so they are kept by job id), and keeps the outcome.
 */
export function usePush(deckId: number, onEnded: () => void): PushState {
  const { client } = useStudio();
  const [jobId, setJobId] = useState<string | null>(null);
  const [targets, setTargets] = useState<string[]>([]);
  const [startError, setStartError] = useState<unknown>(null);
  const [byJob, setByJob] = useState<Record<string, PhonesProgress>>({});
  const job = useJob(jobId);
  const ended = useRef<string | null>(null);

  useStudioEvent('devices.pushProgress', (p) => setByJob((all) => ({ ...all, [p.jobId]: foldProgress(all[p.jobId] ?? {}, p) })));

  const done = job && job.state !== 'running';
  useEffect(() => {
    if (done && jobId && ended.current !== jobId) {
      ended.current = jobId;
      onEnded();
    }
  }, [done, jobId, onEnded]);

  const start = useCallback(
    async (serials: string[]) => {
      setStartError(null);
      setTargets(serials);
      setJobId(null);
      try {
        const { jobId: id } = await client.startPush({ deckId, serials });
        setJobId(id);
      } catch (e) {
        setStartError(e);
      }
    },
    [client, deckId],
  );

  const result = done ? resultOf(job.result, job.error) : null;
  return {
    jobId,
    running: jobId !== null && !done,
    targets,
    progress: (jobId && byJob[jobId]) || {},
    result,
    error: startError ?? (done && !result ? (job.error ?? null) : null),
    start,
    dismiss: () => {
      setJobId(null);
      setTargets([]);
      setStartError(null);
    },
  };
}
