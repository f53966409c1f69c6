import type { DoctorApi } from '../../shared/api/doctor';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';
import { runDoctor } from '../doctor/doctor-job';
import { keepFinding, readReport, unkeepFinding } from '../doctor/doctor-repo';
import { getDeck } from '../store/decks-repo';

/** The deck doctor: a check as a job, its last report, and findings kept ("stop flagging"). */
export function createDoctorHandlers(ctx: CoreContext): Pick<Handlers, keyof DoctorApi> {
  const db = () => ctx.session.require().db;
  const changed = (deckId: number) => {
    const report = readReport(db(), deckId);
    ctx.events.emit('doctor.changed', { deckId, count: report?.findings.length ?? 0 });
    return report;
  };
  // One check per deck at a time: screens asking after every change share the running one.
  const running = new Map<number, { jobId: string; computeFeatures: boolean }>();
  return {
    startDoctor: async ({ deckId, computeFeatures }) => {
      getDeck(db(), deckId);
      const full = computeFeatures !== false;
      const current = running.get(deckId);
      if (current && (current.computeFeatures || !full)) return { jobId: current.jobId };
      const { jobId, done } = ctx.jobs.start('doctor', (job) => runDoctor(ctx, job, { deckId, computeFeatures: full }));
      running.set(deckId, { jobId, computeFeatures: full });
      void done
        .finally(() => {
          if (running.get(deckId)?.jobId === jobId) running.delete(deckId);
        })
        .catch(() => undefined);
      ctx.events.emit('doctor.started', { deckId, jobId, computeFeatures: full });
      return { jobId };
    },
    getDoctorReport: async ({ deckId }) => {
      getDeck(db(), deckId);
      return readReport(db(), deckId);
    },
    keepFinding: async ({ deckId, key }) => {
      getDeck(db(), deckId);
      keepFinding(db(), deckId, key);
      return changed(deckId);
    },
    unkeepFinding: async ({ deckId, key }) => {
      getDeck(db(), deckId);
      unkeepFinding(db(), deckId, key);
      return changed(deckId);
    },
  };
}
