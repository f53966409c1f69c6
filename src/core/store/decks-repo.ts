import type { Deck } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import type { Db } from './open-database';

const DECK_SELECT = `
SELECT d.id, d.name, d.created_at,
  (SELECT count(*) FROM classes c WHERE c.deck_id = d.id) AS class_count,
  (SELECT count(*) FROM photos p WHERE p.deck_id = d.id AND p.deleted_at IS NULL) AS photo_count
FROM decks d`;

interface DeckRow {
  id: number;
  name: string;
  created_at: string;
  class_count: number;
  photo_count: number;
}

function toDeck(r: DeckRow): Deck {
  return { id: r.id, name: r.name, createdAt: r.created_at, classCount: r.class_count, photoCount: r.photo_count };
}

function cleanName(name: unknown): string {
  const n = typeof name === 'string' ? name.normalize('NFC').trim() : '';
  if (n.length === 0 || n.length > 100) {
    throw new StudioError('INVALID_ARGUMENT', 'A deck needs a name of 1 to 100 characters.', 'Type a name such as "Fruits".');
  }
  return n;
}

function deckExists(name: string): StudioError {
  return new StudioError('DECK_EXISTS', `There is already a deck called "${name}".`, 'Choose another name, or add photos to that deck.');
}

export function listDecks(db: Db): Deck[] {
  return (db.prepare(`${DECK_SELECT} ORDER BY d.name COLLATE NOCASE`).all() as DeckRow[]).map(toDeck);
}

export function getDeck(db: Db, deckId: number): Deck {
  const row = db.prepare(`${DECK_SELECT} WHERE d.id = ?`).get(deckId) as DeckRow | undefined;
  if (!row) throw new StudioError('DECK_NOT_FOUND', 'That deck no longer exists.', 'Refresh the list of decks.');
  return toDeck(row);
}

export function findDeckByName(db: Db, name: string): Deck | null {
  const row = db.prepare(`${DECK_SELECT} WHERE d.name = ? COLLATE NOCASE`).get(name.trim()) as DeckRow | undefined;
  return row ? toDeck(row) : null;
}

export function createDeck(db: Db, name: string): Deck {
  const n = cleanName(name);
  if (findDeckByName(db, n)) throw deckExists(n);
  const info = db.prepare('INSERT INTO decks (name, created_at) VALUES (?, ?)').run(n, new Date().toISOString());
  return getDeck(db, Number(info.lastInsertRowid));
}

export function renameDeck(db: Db, deckId: number, name: string): Deck {
  const n = cleanName(name);
  getDeck(db, deckId);
  const other = findDeckByName(db, n);
  if (other && other.id !== deckId) throw deckExists(n);
  db.prepare('UPDATE decks SET name = ? WHERE id = ?').run(n, deckId);
  return getDeck(db, deckId);
}

/** Removes the deck with its classes and photo rows; files no other deck uses go at the next open. */
export function deleteDeck(db: Db, deckId: number): void {
  getDeck(db, deckId);
  db.prepare('DELETE FROM decks WHERE id = ?').run(deckId);
}
