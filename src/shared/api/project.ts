import { z } from 'zod';
import type { Deck, DeckClass, ImportSource, LanguageCode, Photo, PhotoSource, ProjectInfo, RecentProject, WordsImportResult } from '../domain';
import { LIMITS, id, importSources, languages, noRequest, path, request, text, token, words } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

export interface AppInfo {
  version: string;
  /** Where new projects go unless a folder is given. */
  projectsDir: string;
  recent: RecentProject[];
  project: ProjectInfo | null;
}

/** Suggestions a teacher can put aside per deck: "background" is the "Nothing I know" card. */
export const DECK_HINTS = ['background'] as const;
export type DeckHint = (typeof DECK_HINTS)[number];

/** Project, decks, classes, photos and import. */
export interface ProjectApi {
  getAppInfo: { req: void; res: AppInfo };
  createProject: {
    req: { name: string; languages: LanguageCode[]; parentDir?: string };
    res: ProjectInfo;
  };
  openProject: { req: { dir: string }; res: ProjectInfo };
  closeProject: { req: void; res: void };
  updateLanguages: { req: { languages: LanguageCode[] }; res: ProjectInfo };

  listDecks: { req: void; res: Deck[] };
  createDeck: { req: { name: string }; res: Deck };
  renameDeck: { req: { deckId: number; name: string }; res: Deck };
  deleteDeck: { req: { deckId: number }; res: void };

  listClasses: { req: { deckId: number }; res: DeckClass[] };
  createClass: {
    req: { deckId: number; key: string; words?: Record<LanguageCode, string> };
    res: DeckClass;
  };
  updateClass: {
    req: { classId: number; key?: string; words?: Record<LanguageCode, string> };
    res: DeckClass;
  };
  deleteClass: { req: { classId: number }; res: void };
  /**
   * Gives the deck its "Nothing I know" (background) class: a class already called "background"
   * is marked, otherwise an empty one is made (CLASS_EXISTS when the deck has one already).
   */
  createBackgroundClass: { req: { deckId: number }; res: DeckClass };
  /**
   * Makes an existing word the deck's "Nothing I know" (or a normal word again); its photos stay.
   * CLASS_EXISTS when the deck has another background already (`details.backgroundKey` names it).
   */
  setClassBackground: { req: { classId: number; background: boolean }; res: DeckClass };
  /** The suggestions the teacher put aside for this deck ("Not now"); they stay hidden after a restart. */
  listHiddenHints: { req: { deckId: number }; res: DeckHint[] };
  setHintHidden: { req: { deckId: number; hint: DeckHint; hidden: boolean }; res: void };
  importWordsCsv: { req: { deckId: number; csv: string }; res: WordsImportResult };

  listPhotos: { req: { deckId: number; classId?: number }; res: Photo[] };
  movePhotos: { req: { photoIds: number[]; classId: number }; res: void };
  /** Hides the photos at once; `undoDelete` brings them back until the project is reopened. */
  deletePhotos: { req: { photoIds: number[] }; res: { undoToken: string; count: number } };
  undoDelete: { req: { undoToken: string }; res: { count: number } };

  /**
   * Starts an import job; watch `job.progress`, the result is an ImportReport. `source` marks
   * where the photos came from ('camera' for frames shot in the studio; default 'import').
   */
  startImport: {
    req: { deckId: number; classId?: number; sources: ImportSource[]; source?: PhotoSource };
    res: { jobId: string };
  };
}

/** The validator of each request: shape and size (see ../validation/fields.ts). */
export const projectMethods = requestSchemas<ProjectApi>()({
  getAppInfo: noRequest(),
  createProject: request({ name: text(), languages: languages(), parentDir: path().optional() }),
  openProject: request({ dir: path() }),
  closeProject: noRequest(),
  updateLanguages: request({ languages: languages() }),
  listDecks: noRequest(),
  createDeck: request({ name: text() }),
  renameDeck: request({ deckId: id(), name: text() }),
  deleteDeck: request({ deckId: id() }),
  listClasses: request({ deckId: id() }),
  createClass: request({ deckId: id(), key: text(), words: words().optional() }),
  updateClass: request({ classId: id(), key: text().optional(), words: words().optional() }),
  deleteClass: request({ classId: id() }),
  createBackgroundClass: request({ deckId: id() }),
  setClassBackground: request({ classId: id(), background: z.boolean() }),
  listHiddenHints: request({ deckId: id() }),
  setHintHidden: request({ deckId: id(), hint: z.enum(DECK_HINTS), hidden: z.boolean() }),
  importWordsCsv: request({ deckId: id(), csv: z.string().max(LIMITS.csv) }),
  listPhotos: request({ deckId: id(), classId: id().optional() }),
  movePhotos: request({ photoIds: z.array(id()).max(LIMITS.items), classId: id() }),
  deletePhotos: request({ photoIds: z.array(id()).max(LIMITS.items) }),
  undoDelete: request({ undoToken: token() }),
  startImport: request({
    deckId: id(),
    classId: id().optional(),
    sources: importSources(),
    source: z.enum(['import', 'camera']).optional(),
  }),
});
