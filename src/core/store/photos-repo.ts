import type { Photo, PhotoSource } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { getClass } from './classes-repo';
import { getDeck } from './decks-repo';
import type { Db } from './open-database';

interface PhotoRow {
  id: number;
  class_id: number;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  source: PhotoSource;
  original_name: string;
  created_at: string;
}

const PHOTO_COLUMNS = 'id, class_id, sha256, width, height, bytes, source, original_name, created_at';

function toPhoto(r: PhotoRow): Photo {
  return {
    id: r.id,
    sha256: r.sha256,
    classId: r.class_id,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    source: r.source,
    originalName: r.original_name,
    createdAt: r.created_at,
  };
}

export interface NewPhoto {
  deckId: number;
  classId: number;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  source: PhotoSource;
  originalName: string;
}

/** Live photos of a deck (or of one class), oldest first. */
export function listPhotos(db: Db, deckId: number, classId?: number): Photo[] {
  getDeck(db, deckId);
  const rows =
    classId === undefined
      ? db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos WHERE deck_id = ? AND deleted_at IS NULL ORDER BY id`).all(deckId)
      : db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos WHERE deck_id = ? AND class_id = ? AND deleted_at IS NULL ORDER BY id`).all(deckId, classId);
  return (rows as PhotoRow[]).map(toPhoto);
}

/** The row holding this sha256 in the deck, live or awaiting purge. */
export function findPhotoInDeck(db: Db, deckId: number, sha256: string): { id: number; deleted: boolean } | null {
  const row = db.prepare('SELECT id, deleted_at FROM photos WHERE deck_id = ? AND sha256 = ?').get(deckId, sha256) as
    { id: number; deleted_at: string | null } | undefined;
  return row ? { id: row.id, deleted: row.deleted_at !== null } : null;
}

/**
 * Adds a photo whose blob is already durably on disk. A deleted-but-undoable row with the same
 * bytes is brought back into the requested class instead (the teacher is re-adding it).
 */
export function insertPhoto(db: Db, p: NewPhoto): number {
  const existing = findPhotoInDeck(db, p.deckId, p.sha256);
  if (existing?.deleted) {
    db.prepare('UPDATE photos SET deleted_at = NULL, class_id = ?, original_name = ? WHERE id = ?').run(p.classId, p.originalName, existing.id);
    return existing.id;
  }
  const info = db
    .prepare(
      `INSERT INTO photos (deck_id, class_id, sha256, bytes, width, height, source, original_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.deckId, p.classId, p.sha256, p.bytes, p.width, p.height, p.source, p.originalName, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

function deckOfPhotos(db: Db, photoIds: number[]): number[] {
  const stmt = db.prepare('SELECT deck_id FROM photos WHERE id = ? AND deleted_at IS NULL');
  const decks = new Set<number>();
  for (const id of photoIds) {
    const row = stmt.get(id) as { deck_id: number } | undefined;
    if (!row) throw new StudioError('PHOTO_NOT_FOUND', 'One of those photos no longer exists.', 'Refresh the deck and select the photos again.');
    decks.add(row.deck_id);
  }
  return [...decks];
}

/** Moves photos to another class of the same deck; returns the deck id. */
export function movePhotos(db: Db, photoIds: number[], classId: number): number {
  const target = getClass(db, classId);
  db.transaction(() => {
    const decks = deckOfPhotos(db, photoIds);
    if (decks.some((d) => d !== target.deckId)) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        'Photos can only be moved between classes of the same deck.',
        'Import the photos into the other deck instead.',
      );
    }
    const stmt = db.prepare('UPDATE photos SET class_id = ? WHERE id = ?');
    for (const id of photoIds) stmt.run(classId, id);
  })();
  return target.deckId;
}

/** Hides photos (undoable until the project is reopened); returns the decks touched. */
export function softDeletePhotos(db: Db, photoIds: number[]): number[] {
  return db.transaction(() => {
    const decks = deckOfPhotos(db, photoIds);
    const stmt = db.prepare('UPDATE photos SET deleted_at = ? WHERE id = ?');
    const now = new Date().toISOString();
    for (const id of photoIds) stmt.run(now, id);
    return decks;
  })();
}

/** Brings soft-deleted photos back; returns how many and which decks. */
export function restorePhotos(db: Db, photoIds: number[]): { count: number; decks: number[] } {
  return db.transaction(() => {
    const find = db.prepare('SELECT deck_id FROM photos WHERE id = ? AND deleted_at IS NOT NULL');
    const restore = db.prepare('UPDATE photos SET deleted_at = NULL WHERE id = ?');
    const decks = new Set<number>();
    let count = 0;
    for (const id of photoIds) {
      const row = find.get(id) as { deck_id: number } | undefined;
      if (!row) continue;
      restore.run(id);
      decks.add(row.deck_id);
      count++;
    }
    return { count, decks: [...decks] };
  })();
}
