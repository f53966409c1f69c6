import type { DeployApi } from '../../shared/api/deploy';
import type { ExportRequest } from '../../shared/api/export';
import type { Handlers } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { runUpdatePhones } from '../deploy/update-phones';
import { deviceErrors } from '../devices/device-errors';
import { listExports } from '../export/export-history';
import { wordsMissingError } from '../export/missing-words';
import { loadDeckDataset, requireTrainable } from '../ml/training/deck-dataset';
import { deckStatus } from '../revision/deck-status';

/** Deck status and "Update phones"; `api` is the whole core, whose jobs the update runs in turn. */
export function createDeployHandlers(ctx: CoreContext, api: () => Handlers): Pick<Handlers, keyof DeployApi> {
  return {
    getDeckStatus: async ({ deckId }) => deckStatus(ctx.session.require().db, deckId),

    startUpdatePhones: async ({ deckId, serials }) => {
      const db = ctx.session.require().db;
      const status = deckStatus(db, deckId);
      // Say now what would stop the update half-way, rather than after a training run.
      const phones = await api().listDevices();
      const ready = phones.filter((p) => p.ready && (!serials || serials.length === 0 || serials.includes(p.serial)));
      if (ready.length === 0) {
        const waiting = phones.find((p) => !p.ready && p.diagnosis);
        if (waiting?.diagnosis) throw new StudioError(waiting.diagnosis.code, waiting.diagnosis.message, waiting.diagnosis.fix);
        throw deviceErrors.none();
      }
      if (status.needs.train) requireTrainable(loadDeckDataset(db, deckId));
      const last = listExports(db, deckId)[0];
      const exportRequest: ExportRequest = last
        ? { deckIds: [deckId], formats: last.formats, languages: last.languages, quantize: last.quantize ?? undefined }
        : { deckIds: [deckId], formats: ['tfjs', 'tflite'] };
      if (status.needs.export) {
        const missing = await api().getMissingWords({ deckId, languages: exportRequest.languages });
        if (missing.length > 0) throw wordsMissingError(missing);
      }
      const serialsToSend = ready.map((p) => p.serial);
      const { jobId } = ctx.jobs.start('update-phones', (job) => runUpdatePhones(ctx, api(), job, { deckId, serials: serialsToSend, exportRequest }));
      return { jobId };
    },
  };
}
