import type { Migration } from './migration';

/**
 * Deploy: what was sent to which phone. One row per phone per push, kept when the deck is deleted
 * (the name is copied) because it records what is on the phones.
 */
export const migration004: Migration = {
  version: 4,
  name: 'deploy',
  sql: `
CREATE TABLE push_history (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER REFERENCES decks(id) ON DELETE SET NULL,
  deck_name TEXT NOT NULL,
  serial TEXT NOT NULL,
  model TEXT,
  destination TEXT NOT NULL,
  export_dir TEXT NOT NULL,
  files INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  error_code TEXT,
  error_message TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX push_history_by_deck ON push_history(deck_id, finished_at);
`,
};
