import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeToThumbnail } from '../media/decode-image';
import { fileExists, writeFileDurably } from './durable-file';
import type { Db } from './open-database';
import { blobPath, isSha256, projectPaths, thumbPath } from './paths';

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

/** `.<target folder>.partial-<random>`, as export/export-folder.ts names its staging folders. */
const PARTIAL_EXPORT = /^\..+\.partial-[0-9a-z-]+$/i;

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Removes files under `root/ab/<name>` whose sha is not in `live`; returns how many went. */
async function sweepShardedFolder(root: string, live: Set<string>, suffix: string): Promise<number> {
  let removed = 0;
  for (const shard of await listDir(root)) {
    const shardDir = path.join(root, shard);
    const stat = await fs.lstat(shardDir).catch(() => null);
    if (!stat) continue;
    if (!stat.isDirectory()) {
      // Only shard folders belong here; a loose file is not something any row can point at.
      await fs.rm(shardDir, { force: true });
      removed++;
      continue;
    }
    for (const name of await listDir(shardDir)) {
      const sha = name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : '';
      if (isSha256(sha) && sha.startsWith(shard) && live.has(sha)) continue;
      await fs.rm(path.join(shardDir, name), { force: true, recursive: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Brings a project folder back to "every row has its files, every file has a row" after a crash
 * or an earlier session's deletes. Runs at open, before anything else touches the project.
 */
export async function sweepProject(db: Db, dir: string): Promise<SweepReport> {
  const paths = projectPaths(dir);
  const report: SweepReport = { tempFiles: 0, purgedDeleted: 0, rowsWithoutBlob: 0, orphanBlobs: 0, orphanThumbs: 0, thumbsRebuilt: 0, partialExports: 0, orphanEmbeddings: 0 };

  for (const name of await listDir(paths.tmp)) {
    await fs.rm(path.join(paths.tmp, name), { force: true, recursive: true });
    report.tempFiles++;
  }

  // An export writes into a hidden staging folder beside its target and renames it at the end
  // (export/export-folder.ts); one still here was cut short and never became an export.
  for (const name of await listDir(paths.exports)) {
    if (!PARTIAL_EXPORT.test(name)) continue;
    await fs.rm(path.join(paths.exports, name), { force: true, recursive: true });
    report.partialExports++;
  }

  // Deletes the teacher could undo in the last session are final now.
  report.purgedDeleted = db.prepare('DELETE FROM photos WHERE deleted_at IS NOT NULL').run().changes;

  const shas = (db.prepare('SELECT DISTINCT sha256 FROM photos').all() as { sha256: string }[]).map((r) => r.sha256);
  const live = new Set<string>();
  const dropRows = db.prepare('DELETE FROM photos WHERE sha256 = ?');
  for (const sha of shas) {
    if (isSha256(sha) && (await fileExists(blobPath(dir, sha)))) {
      live.add(sha);
    } else {
      // Never keep a row that points at nothing: the photo is gone and the teacher must re-import it.
      report.rowsWithoutBlob += dropRows.run(sha).changes;
    }
  }

  // Features are cached by content (sha256), so they go only once no photo row in any deck has that
  // content; a photo re-imported after this just has its features computed again.
  report.orphanEmbeddings = db.prepare('DELETE FROM embeddings WHERE sha256 NOT IN (SELECT sha256 FROM photos)').run().changes;

  report.orphanBlobs = await sweepShardedFolder(paths.blobs, live, '');
  report.orphanThumbs = await sweepShardedFolder(paths.thumbs, live, '.webp');

  for (const sha of live) {
    const thumb = thumbPath(dir, sha);
    if (await fileExists(thumb)) continue;
    try {
      const thumbnail = await decodeToThumbnail(await fs.readFile(blobPath(dir, sha)));
      await writeFileDurably(paths.tmp, thumb, thumbnail);
      report.thumbsRebuilt++;
    } catch {
      // An undecodable blob cannot have been imported; leave it for the teacher to delete.
    }
  }
  return report;
}
