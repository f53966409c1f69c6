import type { Migration } from './migration';

/**
 * "Nothing I know": a deck may mark one class as its background (photos of the empty desk, the
 * classroom, hands). It trains like any other class; screens and exports treat its label as
 * silence, not a word. At most one per deck (the partial unique index).
 */
export const migration009: Migration = {
  version: 9,
  name: 'background-words',
  sql: `
ALTER TABLE classes ADD COLUMN background INTEGER NOT NULL DEFAULT 0 CHECK (background IN (0, 1));
CREATE UNIQUE INDEX classes_one_background_per_deck ON classes(deck_id) WHERE background = 1;
`,
};
