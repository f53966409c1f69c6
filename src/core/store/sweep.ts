import path from 'node:path';
import { decodeToThumbnail } from '../media/decode-image';
import { sweepPartialExports } from '../export/export-folder';
import { assertNoLinksBelow, entryKind, listInside, readFileInside, removeInside } from '../fs/safe-path';
import { fileExists, writeFileDurably } from './durable-file';
import type { Db } from './open-database';
import { blobPath, isSha256, projectPaths, thumbPath } from './paths';
import { asProjectError, projectUnsafe } from './project-unsafe';

export interface SweepReport {
  tempFiles: number;
  purgedDeleted: number;
  rowsWithoutBlob: number;
  orphanBlobs: number;
  orphanThumbs: number;
  thumbsRebuilt: number;
  /** Hidden `.<name>.partial-*` folders an export left when the studio stopped mid-export. */
  partialExports: number;
  /** Cached feature rows (table `embeddings`) of photos no row points at any more. */
  orphanEmbeddings: number;
}

/** Removes files under `root/ab/<name>` whose sha is not in `live`; returns how many went. */
async function sweepShardedFolder(dir: string, root: string, live: Set<string>, suffix: string): Promise<number> {
  let removed = 0;
  for (const shard of await listInside(dir, root)) {
    const shardDir = path.join(root, shard);
    if ((await entryKind(shardDir)) !== 'dir') {
      // Only shard folders belong here; a loose file or a link is not something any row can point
      // at (a live photo's linked shard was refused before), and removing it never follows it.
      await removeInside(dir, shardDir);
      removed++;
      continue;
    }
    for (const name of await listInside(dir, shardDir)) {
      const sha = name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : '';
      const file = path.join(shardDir, name);
      if (isSha256(sha) && sha.startsWith(shard) && live.has(sha) && (await entryKind(file)) === 'file') continue;
      await removeInside(dir, file);
      removed++;
    }
  }
  return removed;
}

/**
 * What the blob of a row is: 'file' (kept), 'missing' (the row goes), or PROJECT_UNSAFE when it or
 * its shard folder is a link or something else. A photo's bytes behind a link were never in the
 * project; the studio neither reads them nor silently drops the row, but says which entry to delete.
 */
async function blobState(dir: string, sha: string): Promise<'file' | 'missing'> {
  if (!isSha256(sha)) return 'missing';
  const blob = blobPath(dir, sha);
  await assertNoLinksBelow(dir, blob);
  const kind = await entryKind(blob);
  if (kind === 'file' || kind === 'missing') return kind;
  throw projectUnsafe(path.relative(dir, blob).split(path.sep).join('/'), kind);
}

/**
 * Brings a project folder back to "every row has its files, every file has a row" after a crash
 * or an earlier session's deletes. Runs at open, before anything else touches the project, on a
 * folder whose own entries project-entries.ts checked. Every delete and write goes through
 * fs/safe-path, so no link in the folder is ever followed.
 */
export async function sweepProject(db: Db, dir: string): Promise<SweepReport> {
  try {
    return await sweep(db, dir);
  } catch (e) {
    throw asProjectError(e, dir);
  }
}

async function sweep(db: Db, dir: string): Promise<SweepReport> {
  const paths = projectPaths(dir);
  const report: SweepReport = {
    tempFiles: 0,
    purgedDeleted: 0,
    rowsWithoutBlob: 0,
    orphanBlobs: 0,
    orphanThumbs: 0,
    thumbsRebuilt: 0,
    partialExports: 0,
    orphanEmbeddings: 0,
  };

  // Checked before anything is changed, so a refused project is left exactly as it was.
  const shas = (db.prepare('SELECT DISTINCT sha256 FROM photos WHERE deleted_at IS NULL').all() as { sha256: string }[]).map((r) => r.sha256);
  const states = new Map<string, 'file' | 'missing'>();
  for (const sha of shas) states.set(sha, await blobState(dir, sha));

  for (const name of await listInside(dir, paths.tmp)) {
    await removeInside(dir, path.join(paths.tmp, name));
    report.tempFiles++;
  }

  // An export writes into a hidden staging folder beside its target and renames it at the end
  // (export/export-folder.ts); one still here was cut short and never became an export.
  report.partialExports = await sweepPartialExports(dir, paths.exports);

  // Deletes the teacher could undo in the last session are final now.
  report.purgedDeleted = db.prepare('DELETE FROM photos WHERE deleted_at IS NOT NULL').run().changes;

  const live = new Set<string>();
  const dropRows = db.prepare('DELETE FROM photos WHERE sha256 = ?');
  for (const [sha, state] of states) {
    if (state === 'file') {
      live.add(sha);
    } else {
      // Never keep a row that points at nothing: the photo is gone and the teacher must re-import it.
      report.rowsWithoutBlob += dropRows.run(sha).changes;
    }
  }

  // Features are cached by content (sha256), so they go only once no photo row in any deck has that
  // content; a photo re-imported after this just has its features computed again.
  report.orphanEmbeddings = db.prepare('DELETE FROM embeddings WHERE sha256 NOT IN (SELECT sha256 FROM photos)').run().changes;

  report.orphanBlobs = await sweepShardedFolder(dir, paths.blobs, live, '');
  // A thumbnail that is a link is removed as an orphan (the link only) and rebuilt just below.
  report.orphanThumbs = await sweepShardedFolder(dir, paths.thumbs, live, '.webp');

  for (const sha of live) {
    const thumb = thumbPath(dir, sha);
    if (await fileExists(thumb)) continue;
    let thumbnail: Buffer;
    try {
      thumbnail = await decodeToThumbnail(await readFileInside(dir, blobPath(dir, sha)));
    } catch {
      // An undecodable blob cannot have been imported; leave it for the teacher to delete.
      continue;
    }
    await writeFileDurably(dir, thumb, thumbnail);
    report.thumbsRebuilt++;
  }
  return report;
}
