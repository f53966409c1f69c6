import path from 'node:path';
import type { ProjectApi } from '../../shared/api/project';
import type { Handlers } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { APP_VERSION } from '../app-version';
import { importPhotos } from '../media/import-photos';
import { unreadableAmong } from '../ml/features/unreadable-photos';
import { addBackgroundClass, setBackground } from '../store/background-class';
import * as classes from '../store/classes-repo';
import * as decks from '../store/decks-repo';
import * as hints from '../store/hidden-hints';
import * as photos from '../store/photos-repo';
import { importWordsCsv } from '../store/words-csv';

/** The same photo twice in a selection counts once. */
const unique = (ids: number[]): number[] => [...new Set(ids)];

/** Project, decks, classes, words, photos and import: the teacher's side of the store. */
export function createProjectHandlers(ctx: CoreContext): Pick<Handlers, keyof ProjectApi> {
  const { session, events, jobs } = ctx;
  const db = () => session.require().db;
  const version = APP_VERSION;

  /** Jobs belong to the open project; they stop before it is closed or swapped. */
  const leaveProject = async () => {
    ctx.prepare.leaveProject();
    await jobs.cancelAll();
  };

  return {
    getAppInfo: async () => ({
      version,
      projectsDir: ctx.options.projectsDir,
      recent: session.recent.list(),
      project: session.current()?.info() ?? null,
    }),
    createProject: async ({ name, languages, parentDir }) => {
      await leaveProject();
      return session.create({ name, languages, parentDir });
    },
    openProject: async ({ dir }) => {
      if (session.current()?.dir !== path.resolve(dir)) await leaveProject();
      const info = await session.open(dir);
      // Decks the project was closed with before their photos were ready get ready now (after this answer).
      ctx.prepare.enterProject();
      return info;
    },
    closeProject: async () => {
      await leaveProject();
      session.close();
    },
    updateLanguages: async ({ languages }) => session.require().setLanguages(languages),

    listDecks: async () => decks.listDecks(db()),
    createDeck: async ({ name }) => decks.createDeck(db(), name),
    renameDeck: async ({ deckId, name }) => decks.renameDeck(db(), deckId, name),
    deleteDeck: async ({ deckId }) => {
      decks.deleteDeck(db(), deckId);
      events.emit('photos.changed', { deckId });
    },

    listClasses: async ({ deckId }) => classes.listClasses(db(), deckId),
    createClass: async ({ deckId, key, words }) => {
      const created = classes.createClass(db(), deckId, key, words ?? {});
      events.emit('words.changed', { deckId });
      return created;
    },
    updateClass: async ({ classId, key, words }) => {
      const updated = classes.updateClass(db(), classId, { key, words });
      events.emit('words.changed', { deckId: updated.deckId });
      return updated;
    },
    createBackgroundClass: async ({ deckId }) => {
      const created = addBackgroundClass(db(), deckId);
      events.emit('words.changed', { deckId });
      return created;
    },
    setClassBackground: async ({ classId, background }) => {
      const changed = setBackground(db(), classId, background);
      events.emit('words.changed', { deckId: changed.deckId });
      return changed;
    },
    listHiddenHints: async ({ deckId }) => hints.listHiddenHints(db(), deckId),
    setHintHidden: async ({ deckId, hint, hidden }) => hints.setHintHidden(db(), deckId, hint, hidden),
    deleteClass: async ({ classId }) => {
      const { deckId } = classes.getClass(db(), classId);
      classes.deleteClass(db(), classId);
      events.emit('photos.changed', { deckId });
    },
    importWordsCsv: async ({ deckId, csv }) => {
      const result = importWordsCsv(db(), deckId, csv);
      events.emit('words.changed', { deckId });
      return result;
    },

    listPhotos: async ({ deckId, classId }) => {
      const list = photos.listPhotos(db(), deckId, classId);
      // Photos a training could not decode say so on their tile, so the teacher can find them.
      const unreadable = unreadableAmong(
        db(),
        list.map((p) => p.sha256),
      );
      return unreadable.size === 0 ? list : list.map((p) => (unreadable.has(p.sha256) ? { ...p, unreadable: unreadable.get(p.sha256) } : p));
    },
    movePhotos: async ({ photoIds, classId }) => {
      const deckId = photos.movePhotos(db(), unique(photoIds), classId);
      events.emit('photos.changed', { deckId });
    },
    deletePhotos: async ({ photoIds }) => {
      const store = session.require();
      const list = unique(photoIds);
      const touched = photos.softDeletePhotos(store.db, list);
      for (const deckId of touched) events.emit('photos.changed', { deckId });
      return { undoToken: store.rememberUndo(list), count: list.length };
    },
    undoDelete: async ({ undoToken }) => {
      const store = session.require();
      const { count, decks: touched } = photos.restorePhotos(store.db, store.takeUndo(undoToken));
      for (const deckId of touched) events.emit('photos.changed', { deckId });
      return { count };
    },

    startImport: async ({ deckId, classId, sources, source }) => {
      const store = session.require();
      decks.getDeck(store.db, deckId);
      if (classId !== undefined && classes.getClass(store.db, classId).deckId !== deckId) {
        throw new StudioError('CLASS_NOT_FOUND', 'That class is not in this deck.', 'Refresh the deck and drop the photos again.');
      }
      if (sources.length === 0) {
        throw new StudioError('INVALID_ARGUMENT', 'Nothing was given to import.', 'Drop photos or folders onto the deck or a class.');
      }
      // Decoding and hashing photos needs the cores: a background preparation waits for the import.
      const { jobId } = jobs.start('import', (job) =>
        ctx.prepare.foreground(() => importPhotos(store, events, job, { deckId, classId, sources, source: source ?? 'import' })),
      );
      return { jobId };
    },
  };
}
