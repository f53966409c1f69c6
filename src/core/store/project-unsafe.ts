import path from 'node:path';
import { StudioError } from '../../shared/errors';
import { UnsafePathError } from '../fs/safe-path';

/** What an entry of a project folder is instead of what it should be (from safe-path's entryKind). */
export type FoundKind = 'link' | 'file' | 'dir' | 'other';

const FOUND: Record<FoundKind, string> = {
  link: 'a symbolic link (it points somewhere else, possibly outside the project)',
  file: 'a file where a folder belongs',
  dir: 'a folder where a file belongs',
  other: 'a special file (not a plain file or folder)',
};

/** How to repair each entry; what the studio rebuilds itself is said so the teacher dares delete it. */
function repair(entry: string, found: FoundKind): string {
  // A link is only deleted (never what it names); anything else may hold someone's data, so it is moved.
  const self =
    found === 'link'
      ? `Delete the link named "${entry}" inside the project folder (the link itself, not what it points to)`
      : `Move the ${found === 'dir' ? 'folder' : 'file'} named "${entry}" out of the project folder`;
  if (entry === 'tmp' || entry === 'thumbs' || entry === 'exports') return `${self}; the studio makes a new empty one when it opens the project.`;
  if (entry === 'lock') return `${self}; the studio makes a new one.`;
  if (entry === 'blobs' || entry === 'project.db') {
    return `Put a real copy of what "${entry}" should hold in its place (copy it from where the link points, or from a backup), then open the project again.`;
  }
  if (entry.startsWith('project.db-')) return `${self}, then open the project again.`;
  if (entry.startsWith('blobs/')) {
    return `${self}, then open the project again: the photo that pointed at it is dropped, so import that photo again from where it really is.`;
  }
  return `${self}, then open the project again.`;
}

/**
 * PROJECT_UNSAFE: an entry of the project folder is a link or the wrong kind, so the studio refuses
 * to touch it (a project folder travels by mail and USB; unzip keeps symbolic links).
 */
export function projectUnsafe(entry: string, found: FoundKind): StudioError {
  return new StudioError(
    'PROJECT_UNSAFE',
    `The project folder holds "${entry}", which is ${FOUND[found]}. The studio will not use it, so that nothing outside the project is read, changed or deleted.`,
    repair(entry, found),
    { entry, found },
  );
}

/** Turns safe-path's refusal into PROJECT_UNSAFE naming the entry; anything else passes through. */
export function asProjectError(e: unknown, projectDir: string): unknown {
  if (e instanceof UnsafePathError) {
    return projectUnsafe(e.entry, e.reason === 'symlink' ? 'link' : 'other');
  }
  if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
    // O_NOFOLLOW met a link at the last component; the path is ours, the entry the name in it.
    const file = (e as NodeJS.ErrnoException).path;
    return projectUnsafe(file ? path.relative(projectDir, file) : 'a file', 'link');
  }
  return e;
}
