import type { ExportApi } from '../../shared/api/export';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';
import { APP_VERSION } from '../app-version';
import { runExport } from '../export/export-runner';
import { listExports } from '../export/export-history';
import { planExport } from '../export/export-plan';
import { findMissingWords } from '../export/missing-words';
import { listClasses } from '../store/classes-repo';
import { getDeck } from '../store/decks-repo';

/** Export: checked at once (so refusals come back to the caller), then written by an "export" job. */
export function createExportHandlers(ctx: CoreContext): Pick<Handlers, keyof ExportApi> {
  const version = APP_VERSION;
  return {
    startExport: async (req) => {
      const store = ctx.session.require();
      const plan = planExport(store, req);
      const { jobId } = ctx.jobs.start('export', (job) => runExport({ store, options: ctx.options, appVersion: version, job }, plan));
      return { jobId };
    },
    listExports: async ({ deckId }) => listExports(ctx.session.require().db, deckId),
    getMissingWords: async ({ deckId, languages }) => {
      const store = ctx.session.require();
      const deck = getDeck(store.db, deckId);
      const info = store.info();
      const langs = languages && languages.length > 0 ? languages : [info.sourceLanguage, ...info.targetLanguages];
      return findMissingWords(deck, listClasses(store.db, deckId), langs);
    },
    getExportsFolder: async () => ({ dir: ctx.session.require().paths.exports }),
  };
}
