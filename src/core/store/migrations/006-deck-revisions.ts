import type { Migration } from './migration';

/**
 * Deck revisions: what a deck held (classes, words, photos) when a model version was trained and
 * when an export was made, so every screen can say whether the deck changed since. One row per
 * distinct state of a deck (the fingerprint), shared by the versions and exports made from it.
 * NULL for versions and exports made before this step: "changed since?" is then unknown.
 */
export const migration006: Migration = {
  version: 6,
  name: 'deck-revisions',
  sql: `
CREATE TABLE deck_revisions (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  -- sha256 of the canonical snapshot below.
  fingerprint TEXT NOT NULL,
  -- JSON DeckSnapshot (src/core/revision/deck-snapshot.ts).
  snapshot_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (deck_id, fingerprint)
);
ALTER TABLE model_versions ADD COLUMN revision_id INTEGER REFERENCES deck_revisions(id) ON DELETE SET NULL;
ALTER TABLE export_decks ADD COLUMN revision_id INTEGER REFERENCES deck_revisions(id) ON DELETE SET NULL;
`,
};
