import path from 'node:path';

/** Folder suffix of a project: `Fruits.magritte/`. */
export const PROJECT_SUFFIX = '.magritte';
export const DB_FILE = 'project.db';
/** The folders every project has; each must be a real folder, never a link (project-entries.ts). */
export const PROJECT_FOLDERS = ['blobs', 'thumbs', 'tmp', 'exports'] as const;

/** Where each part of a project lives inside its folder. */
export function projectPaths(dir: string) {
  return {
    db: path.join(dir, DB_FILE),
    blobs: path.join(dir, 'blobs'),
    thumbs: path.join(dir, 'thumbs'),
    /** Files being written; anything left here at open is a crash leftover. */
    tmp: path.join(dir, 'tmp'),
    exports: path.join(dir, 'exports'),
    lock: path.join(dir, 'lock'),
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

function checkedSha(sha: string): string {
  // The sha becomes part of a path: never let anything else through (e.g. from an app:// URL).
  if (!isSha256(sha)) throw new Error(`Not a sha256: ${sha.slice(0, 80)}`);
  return sha;
}

/** The original photo's bytes: `blobs/ab/<sha256>`. */
export function blobPath(dir: string, sha: string): string {
  return path.join(dir, 'blobs', checkedSha(sha).slice(0, 2), sha);
}

/** The upright ~256 px WebP thumbnail: `thumbs/ab/<sha256>.webp`. */
export function thumbPath(dir: string, sha: string): string {
  return path.join(dir, 'thumbs', checkedSha(sha).slice(0, 2), `${sha}.webp`);
}
