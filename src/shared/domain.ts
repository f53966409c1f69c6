/** Plain data that crosses the contract. No Node, DOM or Electron types here. */

/** BCP 47 language tag such as "en", "fr", "es", "pt-BR". */
export type LanguageCode = string;

export interface ProjectInfo {
  /** Absolute path of the `<name>.magritte` folder. */
  dir: string;
  name: string;
  /** The language the teacher works in (first of `--langs`). */
  sourceLanguage: LanguageCode;
  /** Languages the pupils learn. */
  targetLanguages: LanguageCode[];
  createdAt: string;
}

export interface RecentProject {
  dir: string;
  name: string;
  openedAt: string;
  /** False when the folder has gone (moved, deleted, unplugged drive). */
  exists: boolean;
}

export interface Deck {
  id: number;
  name: string;
  createdAt: string;
  classCount: number;
  photoCount: number;
}

export interface DeckClass {
  id: number;
  deckId: number;
  /** Stable identifier, e.g. "apple"; also the folder name on import and the default label. */
  key: string;
  /** Word per language code; a missing language means "not written yet". */
  words: Record<LanguageCode, string>;
  photoCount: number;
  position: number;
  /**
   * "Nothing I know": the deck's background class (photos of the empty desk, the classroom,
   * hands). It trains like any other class, but screens and exports treat it as silence, not a
   * word, and it needs no words. At most one per deck.
   */
  background: boolean;
}

export type PhotoSource = 'import' | 'camera';

export interface Photo {
  id: number;
  sha256: string;
  classId: number;
  width: number;
  height: number;
  /** Size of the stored original in bytes. */
  bytes: number;
  source: PhotoSource;
  /** File name it came from, for the teacher's reference. */
  originalName: string;
  createdAt: string;
  /** Why its stored file cannot be decoded, when the studio found so while preparing it; absent otherwise. */
  unreadable?: string;
}

/** One file or folder handed to an import. */
export interface ImportSource {
  /** Absolute path on the machine running the core. */
  path: string;
  /**
   * Where the file sat in what the teacher dropped ("Apple/1.jpg"). When present, the first
   * folder names the class. When absent and `path` is a folder, the core walks it itself.
   */
  relativePath?: string;
}

export interface RefusedFile {
  file: string;
  code: string;
  reason: string;
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  refused: RefusedFile[];
  /** Class keys created because a folder named them. */
  classesCreated: string[];
  cancelled: boolean;
  /** Ids of the photos added, in order. */
  photoIds: number[];
}

export type JobState = 'running' | 'finished' | 'failed' | 'cancelled';

export interface JobProgress {
  jobId: string;
  kind: string;
  done: number;
  total: number;
  /** Items per second so far. */
  rate: number;
  /** Estimated milliseconds left; null until it can be judged. */
  etaMs: number | null;
  message: string;
}

export interface JobSnapshot extends JobProgress {
  state: JobState;
  startedAt: string;
  /** The job's result once finished (shape depends on kind). */
  result?: unknown;
  error?: import('./errors').StudioErrorPayload;
}

export interface WordsImportResult {
  updated: number;
  created: number;
  languagesAdded: LanguageCode[];
}
