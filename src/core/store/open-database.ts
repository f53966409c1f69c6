import Database from 'better-sqlite3';
import { StudioError } from '../../shared/errors';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/migration';

export type Db = Database.Database;

function corrupt(file: string, detail: string): StudioError {
  return new StudioError(
    'DATABASE_CORRUPT',
    `The project's database (${file}) is damaged and cannot be read (${detail}).`,
    'Restore the project folder from a backup. Your photos are still in its "blobs" folder and can be imported into a new project.',
  );
}

function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX';
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function runMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      'This project was saved by a newer version of Magritte Studio.',
      'Update Magritte Studio, then open the project again.',
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      if (m.sql.trim().length > 0) db.exec(m.sql);
      // user_version cannot be bound as a parameter; version is a number from our own code.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens (or creates) project.db with the settings every open must have: WAL, synchronous=FULL
 * (read back, since a silently ignored pragma would lose photos on power loss), foreign keys, a
 * busy timeout; then checks integrity and migrates.
 */
export function openDatabase(file: string, options: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'SQLITE_CANTOPEN') {
      throw new StudioError(
        'PROJECT_NOT_FOUND',
        `No project database at ${file}.`,
        'Choose a folder ending in .magritte that holds a project.db file.',
      );
    }
    throw e;
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const sync = db.pragma('synchronous', { simple: true });
    const journal = db.pragma('journal_mode', { simple: true });
    const fk = db.pragma('foreign_keys', { simple: true });
    // 2 = FULL. Anything else means SQLite did not take the setting; refuse rather than risk data.
    if (sync !== 2 || journal !== 'wal' || fk !== 1) {
      throw new StudioError(
        'DATABASE_CORRUPT',
        `The project's database could not be opened safely (synchronous=${String(sync)}, journal=${String(journal)}, foreign_keys=${String(fk)}).`,
        'Move the project to a local disk (not a network or read-only drive) and open it again.',
      );
    }
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw corrupt(file, String(check));
    runMigrations(db);
    return db;
  } catch (e) {
    db.close();
    if (isCorruptionError(e)) throw corrupt(file, (e as Error).message);
    throw e;
  }
}
