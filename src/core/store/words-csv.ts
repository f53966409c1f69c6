import type { LanguageCode, WordsImportResult } from '../../shared/domain';
import { isStudioError } from '../../shared/errors';
import { cleanKey, createClass, findClassByKey, withHomeWord, writeWords } from './classes-repo';
import { csvError, parseCsv } from './csv-parse';
import { getDeck } from './decks-repo';
import type { Db } from './open-database';
import { findLanguage, normaliseLanguages, readLanguages, writeLanguages } from './project-meta';

interface WordRow {
  line: number;
  key: string;
  words: Record<LanguageCode, string>;
}

/** Reads and checks the whole file before anything is written. */
function readWordList(csv: string): { langs: string[]; rows: WordRow[] } {
  const records = parseCsv(csv);
  if (records.length === 0) throw csvError(1, 'is empty: the file has no header');
  const [header, ...body] = records;
  const cells = header.fields.map((f) => f.trim());
  if (cells[0]?.toLowerCase() !== 'key') {
    throw csvError(header.line, `should be the header "key,<language>,<language>..." but starts with "${cells[0] ?? ''}"`);
  }
  const langs = cells.slice(1);
  if (langs.length === 0) throw csvError(header.line, 'names no language after "key" (for example key,fr,es)');
  langs.forEach((code, col) => {
    try {
      normaliseLanguages([code]);
    } catch {
      throw csvError(header.line, `has "${code}" in column ${col + 2}, which is not a language code such as fr or es`);
    }
    if (langs.findIndex((l) => l.toLowerCase() === code.toLowerCase()) !== col) throw csvError(header.line, `names the language "${code}" twice`);
  });

  const seen = new Set<string>();
  const rows = body.map((rec): WordRow => {
    if (rec.fields.length > cells.length) {
      throw csvError(rec.line, `has ${rec.fields.length} values but the header has ${cells.length} columns (a comma inside a word needs quotes)`);
    }
    let key: string;
    try {
      key = cleanKey(rec.fields[0] ?? '');
    } catch (e) {
      const raw = (rec.fields[0] ?? '').trim();
      throw csvError(
        rec.line,
        raw.length === 0
          ? 'has words but no key in the first column'
          : `has a key "${raw}" that cannot be a class name (${isStudioError(e) ? e.fix : 'invalid'})`,
      );
    }
    if (seen.has(key.toLowerCase())) throw csvError(rec.line, `repeats the key "${key}"`);
    seen.add(key.toLowerCase());
    const words: Record<LanguageCode, string> = {};
    langs.forEach((lang, col) => {
      const word = (rec.fields[col + 1] ?? '').trim();
      // An empty cell leaves the word as it is: a partial list never erases a teacher's work.
      if (word.length > 0) words[lang] = word;
    });
    return { line: rec.line, key, words };
  });
  return { langs, rows };
}

/**
 * Fills or updates a deck's words from a teacher's word list (`key,fr,es` CSV). Classes named in
 * the list but missing from the deck are created; languages not yet in the project are added.
 * All or nothing: a malformed file changes nothing.
 */
export function importWordsCsv(db: Db, deckId: number, csv: string): WordsImportResult {
  getDeck(db, deckId);
  const { langs, rows } = readWordList(csv);
  return db.transaction((): WordsImportResult => {
    const projectLangs = readLanguages(db);
    const languagesAdded = langs.filter((l) => !findLanguage(projectLangs, l));
    if (languagesAdded.length > 0) writeLanguages(db, [...projectLangs, ...languagesAdded]);
    const known = readLanguages(db);
    let updated = 0;
    let created = 0;
    for (const row of rows) {
      const words: Record<LanguageCode, string> = {};
      for (const [lang, word] of Object.entries(row.words)) words[findLanguage(known, lang) ?? lang] = word;
      const existing = findClassByKey(db, deckId, row.key);
      if (existing) {
        writeWords(db, existing.id, withHomeWord(db, existing.key, { ...existing.words, ...words }));
        updated++;
      } else {
        createClass(db, deckId, row.key, words);
        created++;
      }
    }
    return { updated, created, languagesAdded };
  })();
}
