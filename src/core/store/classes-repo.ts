import type { DeckClass, LanguageCode } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { getDeck } from './decks-repo';
import type { Db } from './open-database';
import { findLanguage, readLanguages } from './project-meta';

interface ClassRow {
  id: number;
  deck_id: number;
  key: string;
  position: number;
  photo_count: number;
  background: number;
}

const CLASS_SELECT = `
SELECT c.id, c.deck_id, c.key, c.position, c.background,
  (SELECT count(*) FROM photos p WHERE p.class_id = c.id AND p.deleted_at IS NULL) AS photo_count
FROM classes c`;

function wordsOf(db: Db, classIds: number[]): Map<number, Record<LanguageCode, string>> {
  const out = new Map<number, Record<LanguageCode, string>>();
  if (classIds.length === 0) return out;
  const langs = readLanguages(db);
  const stmt = db.prepare('SELECT lang, word FROM class_words WHERE class_id = ?');
  for (const id of classIds) {
    const words: Record<LanguageCode, string> = {};
    // Only the project's current languages are shown; words of a dropped language are kept aside.
    for (const r of stmt.all(id) as { lang: string; word: string }[]) {
      const lang = findLanguage(langs, r.lang);
      if (lang) words[lang] = r.word;
    }
    out.set(id, words);
  }
  return out;
}

function toClass(r: ClassRow, words: Record<LanguageCode, string>): DeckClass {
  return { id: r.id, deckId: r.deck_id, key: r.key, words, photoCount: r.photo_count, position: r.position, background: r.background === 1 };
}

/** A class key is also a folder name on import and a label on the phone: keep it plain. */
export function cleanKey(key: unknown): string {
  const k = typeof key === 'string' ? key.normalize('NFC').trim() : '';
  // eslint-disable-next-line no-control-regex
  if (k.length === 0 || k.length > 80 || /[/\\\u0000-\u001f]/.test(k)) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `"${String(key)}" cannot be used as a class name.`,
      'Use 1 to 80 characters without slashes, such as "apple".',
    );
  }
  return k;
}

export function listClasses(db: Db, deckId: number): DeckClass[] {
  getDeck(db, deckId);
  const rows = db.prepare(`${CLASS_SELECT} WHERE c.deck_id = ? ORDER BY c.position, c.id`).all(deckId) as ClassRow[];
  const words = wordsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toClass(r, words.get(r.id) ?? {}));
}

export function getClass(db: Db, classId: number): DeckClass {
  const row = db.prepare(`${CLASS_SELECT} WHERE c.id = ?`).get(classId) as ClassRow | undefined;
  if (!row) throw new StudioError('CLASS_NOT_FOUND', 'That class no longer exists.', 'Refresh the deck.');
  return toClass(row, wordsOf(db, [row.id]).get(row.id) ?? {});
}

/** Case-insensitive lookup of a class by key within a deck. */
export function findClassByKey(db: Db, deckId: number, key: string): DeckClass | null {
  const wanted = key.normalize('NFC').trim();
  let row = db.prepare(`${CLASS_SELECT} WHERE c.deck_id = ? AND c.key = ? COLLATE NOCASE`).get(deckId, wanted) as ClassRow | undefined;
  if (!row) {
    // SQLite's NOCASE folds ASCII only; "Éclair" must still find "éclair".
    const folded = wanted.toLowerCase();
    const rows = db.prepare(`${CLASS_SELECT} WHERE c.deck_id = ?`).all(deckId) as ClassRow[];
    row = rows.find((r) => r.key.normalize('NFC').toLowerCase() === folded);
  }
  return row ? toClass(row, wordsOf(db, [row.id]).get(row.id) ?? {}) : null;
}

/** Writes words; an empty word removes that language's word. Languages must be the project's. */
export function writeWords(db: Db, classId: number, words: Record<LanguageCode, string>): void {
  const langs = readLanguages(db);
  const upsert = db.prepare(
    'INSERT INTO class_words (class_id, lang, word) VALUES (?, ?, ?) ON CONFLICT (class_id, lang) DO UPDATE SET word = excluded.word',
  );
  const remove = db.prepare('DELETE FROM class_words WHERE class_id = ? AND lang = ? COLLATE NOCASE');
  for (const [code, raw] of Object.entries(words)) {
    const lang = findLanguage(langs, code);
    if (!lang) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        `"${code}" is not one of this project's languages (${langs.join(', ')}).`,
        'Add the language to the project first, then write the words.',
      );
    }
    const word = String(raw).normalize('NFC').trim();
    remove.run(classId, lang);
    if (word.length > 0) upsert.run(classId, lang, word);
  }
}

/**
 * The words with the teacher's own language (the project's first) taken from the key when they
 * do not give it: a class named "apple" (by folder, word list or by hand) means "apple" to its
 * teacher, and a word missing in the home language would otherwise block every export.
 */
export function withHomeWord(db: Db, key: string, words: Record<LanguageCode, string>): Record<LanguageCode, string> {
  const home = readLanguages(db)[0];
  if (!home) return words;
  const given = Object.entries(words).find(([lang]) => lang.toLowerCase() === home.toLowerCase());
  return given && given[1].trim().length > 0 ? words : { ...words, [home]: key };
}

export function createClass(
  db: Db,
  deckId: number,
  key: string,
  words: Record<LanguageCode, string> = {},
  opts: { background?: boolean } = {},
): DeckClass {
  getDeck(db, deckId);
  const k = cleanKey(key);
  if (findClassByKey(db, deckId, k)) {
    throw new StudioError('CLASS_EXISTS', `This deck already has a class called "${k}".`, 'Choose another name, or add photos to that class.');
  }
  const background = opts.background === true;
  const id = db.transaction(() => {
    const pos = db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM classes WHERE deck_id = ?').get(deckId) as { p: number };
    const info = db
      .prepare('INSERT INTO classes (deck_id, key, position, created_at, background) VALUES (?, ?, ?, ?, ?)')
      .run(deckId, k, pos.p, new Date().toISOString(), background ? 1 : 0);
    const classId = Number(info.lastInsertRowid);
    // The background is never said or shown, so it needs no word, not even in the home language.
    writeWords(db, classId, background ? words : withHomeWord(db, k, words));
    return classId;
  })();
  return getClass(db, id);
}

/** The deck's "Nothing I know" class, or null when it has none. */
export function findBackgroundClass(db: Db, deckId: number): DeckClass | null {
  const row = db.prepare(`${CLASS_SELECT} WHERE c.deck_id = ? AND c.background = 1`).get(deckId) as ClassRow | undefined;
  return row ? toClass(row, wordsOf(db, [row.id]).get(row.id) ?? {}) : null;
}

export function updateClass(db: Db, classId: number, change: { key?: string; words?: Record<LanguageCode, string> }): DeckClass {
  const current = getClass(db, classId);
  db.transaction(() => {
    if (change.key !== undefined) {
      const k = cleanKey(change.key);
      const other = findClassByKey(db, current.deckId, k);
      if (other && other.id !== classId) {
        throw new StudioError(
          'CLASS_EXISTS',
          `This deck already has a class called "${k}".`,
          'Choose another name, or move the photos into that class.',
        );
      }
      db.prepare('UPDATE classes SET key = ? WHERE id = ?').run(k, classId);
    }
    if (change.words) writeWords(db, classId, change.words);
  })();
  return getClass(db, classId);
}

export function deleteClass(db: Db, classId: number): void {
  getClass(db, classId);
  db.prepare('DELETE FROM classes WHERE id = ?').run(classId);
}
