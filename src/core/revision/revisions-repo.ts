/** The deck_revisions table (migration 006): one row per distinct state of a deck. */
import { loadDeckDataset } from '../ml/training/deck-dataset';
import type { Db } from '../store/open-database';
import { fingerprintOf, snapshotOf, type DeckSnapshot } from './deck-snapshot';

/** Stores the snapshot (once per distinct state) and returns its row id. */
export function recordRevision(db: Db, deckId: number, snapshot: DeckSnapshot): number {
  const fingerprint = fingerprintOf(snapshot);
  db.prepare(
    `INSERT INTO deck_revisions (deck_id, fingerprint, snapshot_json, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (deck_id, fingerprint) DO NOTHING`,
  ).run(deckId, fingerprint, JSON.stringify(snapshot), new Date().toISOString());
  const row = db.prepare('SELECT id FROM deck_revisions WHERE deck_id = ? AND fingerprint = ?').get(deckId, fingerprint) as { id: number };
  return row.id;
}

/** Records the deck as it is now; returns the revision id. */
export function recordCurrentRevision(db: Db, deckId: number): number {
  return recordRevision(db, deckId, currentSnapshot(db, deckId));
}

export function currentSnapshot(db: Db, deckId: number): DeckSnapshot {
  return snapshotOf(loadDeckDataset(db, deckId));
}

export function readRevision(db: Db, revisionId: number | null): DeckSnapshot | null {
  if (revisionId === null) return null;
  const row = db.prepare('SELECT snapshot_json FROM deck_revisions WHERE id = ?').get(revisionId) as { snapshot_json: string } | undefined;
  return row ? (JSON.parse(row.snapshot_json) as DeckSnapshot) : null;
}
