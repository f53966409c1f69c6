import type { DeckHint } from '../../shared/api/project';
import { getDeck } from './decks-repo';
import type { Db } from './open-database';

/** The suggestions a teacher put aside for a deck ("Not now"), kept with the project (migration 010). */
export function listHiddenHints(db: Db, deckId: number): DeckHint[] {
  getDeck(db, deckId);
  const rows = db.prepare('SELECT hint FROM hidden_hints WHERE deck_id = ? ORDER BY hint').all(deckId) as { hint: DeckHint }[];
  return rows.map((r) => r.hint);
}

export function setHintHidden(db: Db, deckId: number, hint: DeckHint, hidden: boolean): void {
  getDeck(db, deckId);
  if (hidden) {
    db.prepare('INSERT INTO hidden_hints (deck_id, hint, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
      deckId,
      hint,
      new Date().toISOString(),
    );
  } else {
    db.prepare('DELETE FROM hidden_hints WHERE deck_id = ? AND hint = ?').run(deckId, hint);
  }
}
