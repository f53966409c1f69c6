import type { DoctorApi } from '../../shared/api/doctor';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';
import { DoctorScheduler } from '../doctor/doctor-scheduler';
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
  const scheduler = new DoctorScheduler(ctx);
  return {
    startDoctor: async ({ deckId, computeFeatures }) => {
      getDeck(db(), deckId);
      return scheduler.start(deckId, computeFeatures !== false);
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
