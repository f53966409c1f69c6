import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DoctorReport, Finding } from '../../../shared/api/doctor';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';
import type { TrackedJob } from '../../api/job-tracker';
import { useNotices } from '../../components/notices';
import { useFixedFindings } from './fixed-findings';

export interface DoctorState {
  /** The last check (kept findings left out); undefined while loading, null before the first. */
  report: DoctorReport | null | undefined;
  /**
   * What is left to look at: the report's findings less those fixed since (they leave at once,
   * before the next check). The badge counts these and the panel lists these: the same thing.
   */
  findings: Finding[];
  /** Takes findings just fixed off the list (and the count) until a report is up to date again. */
  hide(keys: readonly string[]): void;
  /** The check running now, if any. */
  job: TrackedJob | null;
  /** Starts a check: `full` computes the features photos lack first (slower the first time). */
  check(full: boolean): Promise<void>;
  /** Shows a report returned by a call (keep, bring back) at once. */
  show(report: DoctorReport | null): void;
}

/** The deck's last doctor report and the check running now, kept fresh from the core's events. */
export function useDoctor(deckId: number): DoctorState {
  const { client } = useStudio();
  const notices = useNotices();
  const [report, setReport] = useState<DoctorReport | null | undefined>(undefined);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const fixed = useFixedFindings(deckId);
  const { clear } = fixed;
  // A report that is up to date again (the fix was undone, or a new check ran) shows everything it lists.
  useEffect(() => {
    if (report && !report.stale) clear();
  }, [report, clear]);
  const findings = useMemo(() => (report?.findings ?? []).filter((f) => !fixed.keys.has(f.key)), [report, fixed.keys]);

  const load = useCallback(async () => {
    try {
      setReport(await client.getDoctorReport({ deckId }));
    } catch (e) {
      notices.showError(e);
    }
  }, [client, deckId, notices]);
  useEffect(() => {
    setReport(undefined);
    void load();
  }, [load]);

  useStudioEvent('doctor.changed', (e) => {
    if (e.deckId === deckId) void load();
  });
  // A move, a delete or an import makes the last report stale: the core says so when asked.
  useStudioEvent('photos.changed', (e) => {
    if (e.deckId === deckId) void load();
  });
  useStudioEvent('doctor.started', (e) => {
    if (e.deckId === deckId) setJobId(e.jobId);
  });

  const check = useCallback(
    async (full: boolean) => {
      try {
        const { jobId: id } = await client.startDoctor({ deckId, computeFeatures: full });
        setJobId(id);
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, deckId, notices],
  );

  return { report, findings, hide: fixed.hide, job: job?.state === 'running' ? job : null, check, show: setReport };
}
