import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LanguageCode, ProjectInfo } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { openDatabase, type Db } from './open-database';
import { DB_FILE, projectPaths } from './paths';
import { entryKindSync } from '../fs/safe-path';
import { checkProjectEntries } from './project-entries';
import { acquireProjectLock } from './project-lock';
import { asProjectError } from './project-unsafe';
import { normaliseLanguages, readProjectInfo, writeLanguages, writeProjectRecord } from './project-meta';
import { sweepProject, type SweepReport } from './sweep';

/** The real path of the folder `dir`, or null when it is missing or not a folder. */
export function realFolder(dir: string): string | null {
  try {
    const real = fs.realpathSync(dir);
    return fs.statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

/**
 * One open project folder: its database, its files, and the undo tokens of this session.
 * Domain code reads and writes through `db`; file locations come from ./paths.
 */
export class ProjectStore {
  /** What the open-time sweep found (tests and logs read it). */
  sweepReport: SweepReport | null = null;
  private readonly undo = new Map<string, number[]>();
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly db: Db,
    private readonly releaseLock: () => void,
  ) {}

  get paths() {
    return projectPaths(this.dir);
  }

  /**
   * Opens an existing project folder (or its project.db), sweeping crash leftovers. The folder is
   * used by its real path (a link to the folder itself is the teacher's own shortcut and fine);
   * links inside it are refused (project-entries.ts).
   */
  static async open(dirOrDb: string): Promise<ProjectStore> {
    let dir = path.resolve(dirOrDb);
    if (path.basename(dir) === DB_FILE) dir = path.dirname(dir);
    const real = realFolder(dir);
    const dbKind = real ? entryKindSync(projectPaths(real).db) : 'missing';
    if (!real || dbKind === 'missing') {
      throw new StudioError(
        'PROJECT_NOT_FOUND',
        `There is no Magritte Studio project at ${dir}.`,
        'Choose a folder ending in .magritte that holds a project.db file, or create a new project.',
      );
    }
    return ProjectStore.openAt(real, false);
  }

  /** Creates a project in `dir`, which must not exist or be empty. */
  static async create(dir: string, name: string, languages: LanguageCode[]): Promise<ProjectStore> {
    const target = path.resolve(dir);
    const cleanName = name.trim();
    if (cleanName.length === 0 || cleanName.length > 100 || /[/\\]/.test(cleanName)) {
      throw new StudioError('INVALID_ARGUMENT', 'A project needs a name of 1 to 100 characters, without slashes.', 'Type a name such as "Fruits".');
    }
    const langs = normaliseLanguages(languages);
    if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
      throw new StudioError(
        'PROJECT_EXISTS',
        `The folder ${target} already exists and is not empty.`,
        'Choose another name or folder, or open that project instead.',
      );
    }
    fs.mkdirSync(target, { recursive: true });
    const store = await ProjectStore.openAt(fs.realpathSync(target), true);
    try {
      writeProjectRecord(store.db, cleanName, langs);
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static async openAt(dir: string, create: boolean): Promise<ProjectStore> {
    const paths = projectPaths(dir);
    try {
      checkProjectEntries(dir);
    } catch (e) {
      throw asProjectError(e, dir);
    }
    const release = acquireProjectLock(dir, paths.lock);
    let db: Db | undefined;
    try {
      db = openDatabase(paths.db, { create });
      const store = new ProjectStore(dir, db, release);
      store.sweepReport = await sweepProject(db, dir);
      return store;
    } catch (e) {
      db?.close();
      release();
      throw asProjectError(e, dir);
    }
  }

  info(): ProjectInfo {
    return readProjectInfo(this.db, this.dir);
  }

  setLanguages(languages: LanguageCode[]): ProjectInfo {
    writeLanguages(this.db, languages);
    return this.info();
  }

  /** Remembers soft-deleted photo ids under a token that `takeUndo` redeems once. */
  rememberUndo(photoIds: number[]): string {
    const token = randomUUID();
    this.undo.set(token, photoIds);
    return token;
  }

  takeUndo(token: string): number[] {
    const ids = this.undo.get(token);
    if (!ids) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        'That delete can no longer be undone.',
        'Deleted photos stay deleted once the project has been reopened.',
      );
    }
    this.undo.delete(token);
    return ids;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } finally {
      this.releaseLock();
    }
  }
}
