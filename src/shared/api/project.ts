import type {
  Deck,
  DeckClass,
  ImportSource,
  LanguageCode,
  Photo,
  PhotoSource,
  ProjectInfo,
  RecentProject,
  WordsImportResult,
} from '../domain';

export interface AppInfo {
  version: string;
  /** Where new projects go unless a folder is given. */
  projectsDir: string;
  recent: RecentProject[];
  project: ProjectInfo | null;
}

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

export const projectMethods: Record<keyof ProjectApi, true> = {
  getAppInfo: true,
  createProject: true,
  openProject: true,
  closeProject: true,
  updateLanguages: true,
  listDecks: true,
  createDeck: true,
  renameDeck: true,
  deleteDeck: true,
  listClasses: true,
  createClass: true,
  updateClass: true,
  deleteClass: true,
  importWordsCsv: true,
  listPhotos: true,
  movePhotos: true,
  deletePhotos: true,
  undoDelete: true,
  startImport: true,
};
