import type { Migration } from './migration';

/**
 * Suggestions a teacher put aside for one deck ("Not now" on the "Nothing I know" card), so they
 * stay hidden after the project is closed and opened again. Keyed by what the suggestion is
 * (DECK_HINTS in src/shared/api/project.ts), not by a screen.
 */
export const migration010: Migration = {
  version: 10,
  name: 'hidden-hints',
  sql: `
CREATE TABLE hidden_hints (
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  hint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (deck_id, hint)
);
`,
};
