import type { Migration } from './migration';

/**
 * Project, languages, decks, classes with their words, and photos.
 * Photos carry their deck as well as their class so that "one sha256 once per deck" is a plain
 * UNIQUE constraint; the composite foreign key keeps that deck equal to the class's deck.
 */
export const migration001: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE project (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- position 0 is the teacher's own (source) language; the rest are the languages pupils learn.
CREATE TABLE languages (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE
);

CREATE TABLE decks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
);

CREATE TABLE classes (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  key TEXT NOT NULL COLLATE NOCASE,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (deck_id, key),
  UNIQUE (id, deck_id)
);

CREATE TABLE class_words (
  class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (class_id, lang)
);

CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('import', 'camera')),
  original_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Set by a delete the teacher can still undo; purged (with orphaned files) at the next open.
  deleted_at TEXT,
  UNIQUE (deck_id, sha256),
  FOREIGN KEY (class_id, deck_id) REFERENCES classes(id, deck_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX photos_by_class ON photos(class_id);
CREATE INDEX photos_by_sha ON photos(sha256);
`,
};
