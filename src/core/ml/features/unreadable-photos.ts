import type { Db } from '../../store/open-database';
import { PREPROCESSING_VERSION } from './preprocess';

/**
 * Codes of a photo file that was read but could not be decoded: trying again gives the same answer
 * (same bytes, same decoder). A missing file or a worker that stopped is not one of them.
 */
const UNDECODABLE = new Set(['IMAGE_CORRUPT', 'IMAGE_UNSUPPORTED', 'IMAGE_TOO_LARGE']);

/** True when a feature error says the photo itself cannot be decoded (not worth trying again). */
export function isUndecodable(code: string | undefined): boolean {
  return code !== undefined && UNDECODABLE.has(code);
}

/** Remembers photos (by content) that cannot be decoded, for this preprocessing version (table `unreadable_photos`, migration 011). */
export function markUnreadable(db: Db, rows: readonly { sha256: string; code: string; reason: string }[]): void {
  if (rows.length === 0) return;
  const stmt = db.prepare(`INSERT OR REPLACE INTO unreadable_photos (sha256, preprocessing, code, reason, created_at) VALUES (?, ?, ?, ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of rows) stmt.run(r.sha256, PREPROCESSING_VERSION, r.code, r.reason, now);
  })();
}

/** Of the given photos (by sha256), those known not to decode, with why: one query for the whole list. */
export function unreadableAmong(db: Db, shas: readonly string[]): Map<string, string> {
  if (shas.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT u.sha256 AS sha, u.reason AS reason FROM json_each(?) AS j
       JOIN unreadable_photos u ON u.sha256 = j.value AND u.preprocessing = ?`,
    )
    .all(JSON.stringify(shas), PREPROCESSING_VERSION) as { sha: string; reason: string }[];
  return new Map(rows.map((r) => [r.sha, r.reason]));
}

/** The photo's file was written again from bytes that decode (a re-import): it is worth trying again. */
export function forgetUnreadable(db: Db, sha256: string): void {
  db.prepare('DELETE FROM unreadable_photos WHERE sha256 = ?').run(sha256);
}
