import { decodeToThumbnail } from '../media/decode-image';
import { readFileInside } from '../fs/safe-path';
import type { Db } from '../store/open-database';
import { blobPath, thumbPath } from '../store/paths';
import { measureThumbnail, STATS_VERSION, type ImageStats } from './image-stats';

/** Thumbnails decoded at once: sharp works on libuv's threads, so a few in flight keep them busy. */
const CONCURRENCY = 4;
const SAVE_EVERY = 64;

interface StatsRow {
  sha256: string;
  luminance: number;
  sharpness: number;
  aspect: number;
  print: Buffer;
}

/** Cached statistics by sha256 (table photo_stats, migration 007); missing ones are absent. */
function readCached(db: Db, shas: readonly string[]): Map<string, ImageStats> {
  const stmt = db.prepare('SELECT sha256, luminance, sharpness, aspect, print FROM photo_stats WHERE sha256 = ? AND version = ?');
  const out = new Map<string, ImageStats>();
  for (const sha of shas) {
    const row = stmt.get(sha, STATS_VERSION) as StatsRow | undefined;
    if (row) out.set(sha, { luminance: row.luminance, sharpness: row.sharpness, aspect: row.aspect, print: new Uint8Array(row.print) });
  }
  return out;
}

function save(db: Db, rows: readonly [string, ImageStats][]): void {
  if (rows.length === 0 || !db.open) return;
  const stmt = db.prepare('INSERT OR REPLACE INTO photo_stats (sha256, version, luminance, sharpness, aspect, print) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const [sha, s] of rows) stmt.run(sha, STATS_VERSION, s.luminance, s.sharpness, s.aspect, Buffer.from(s.print));
  })();
}

/** The thumbnail, or (when it went missing) one made again from the photo; never through a link. */
async function thumbnailOf(projectDir: string, sha: string): Promise<Buffer> {
  try {
    return await readFileInside(projectDir, thumbPath(projectDir, sha));
  } catch {
    return decodeToThumbnail(await readFileInside(projectDir, blobPath(projectDir, sha)));
  }
}

/**
 * Statistics of every given photo: cached ones read, the others measured from their thumbnails and
 * cached. A photo that cannot be read is left out (and named in `failed`) rather than failing the check.
 */
export async function loadImageStats(args: {
  db: Db;
  projectDir: string;
  shas: readonly string[];
  onProgress(done: number, total: number): void;
  throwIfCancelled(): void;
}): Promise<{ stats: Map<string, ImageStats>; failed: string[] }> {
  const unique = [...new Set(args.shas)];
  const stats = readCached(args.db, unique);
  const todo = unique.filter((sha) => !stats.has(sha));
  const failed: string[] = [];
  let pending: [string, ImageStats][] = [];
  let next = 0;
  let done = 0;
  args.onProgress(0, todo.length);
  const worker = async () => {
    while (next < todo.length) {
      args.throwIfCancelled();
      const sha = todo[next++];
      try {
        const s = await measureThumbnail(await thumbnailOf(args.projectDir, sha));
        stats.set(sha, s);
        pending.push([sha, s]);
      } catch {
        failed.push(sha);
      }
      done++;
      args.onProgress(done, todo.length);
      if (pending.length >= SAVE_EVERY) {
        save(args.db, pending);
        pending = [];
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  } finally {
    save(args.db, pending);
  }
  return { stats, failed };
}
