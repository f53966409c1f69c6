import path from 'node:path';
import { entryKindSync, mkdirInsideSync } from '../fs/safe-path';
import { DB_FILE, PROJECT_FOLDERS } from './paths';
import { projectUnsafe } from './project-unsafe';

/** Files SQLite and the studio keep beside the database; each may be missing, never a link. */
const OWN_FILES = ['lock', DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`];

/**
 * Checks a project folder's own entries before anything opens, writes or sweeps them: the folders
 * must be real folders (missing ones are made, one level, never through a link) and the files
 * plain files or missing. Anything else, above all a symbolic link, is refused with
 * PROJECT_UNSAFE naming the entry: the sweep empties tmp/ and blobs/, so following a link there
 * would delete what it points at. `dir` must be the project's real path.
 */
export function checkProjectEntries(dir: string): void {
  for (const name of OWN_FILES) {
    const kind = entryKindSync(path.join(dir, name));
    if (kind !== 'missing' && kind !== 'file') throw projectUnsafe(name, kind);
  }
  for (const name of PROJECT_FOLDERS) {
    const kind = entryKindSync(path.join(dir, name));
    if (kind === 'missing') mkdirInsideSync(dir, path.join(dir, name));
    else if (kind !== 'dir') throw projectUnsafe(name, kind);
  }
}
