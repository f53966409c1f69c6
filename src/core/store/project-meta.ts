import type { LanguageCode, ProjectInfo } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { createHash } from 'node:crypto';
import type { Db } from './open-database';

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Checks and tidies a language list: BCP 47-looking tags, no repeats, at least one. */
export function normaliseLanguages(languages: readonly string[]): LanguageCode[] {
  const out: LanguageCode[] = [];
  for (const raw of Array.isArray(languages) ? languages : []) {
    const code = typeof raw === 'string' ? raw.trim() : '';
    if (!LANG_TAG.test(code)) {
      throw new StudioError('INVALID_ARGUMENT', `"${raw}" is not a language code.`, 'Use short codes such as en, fr, es or pt-BR.');
    }
    if (!out.some((c) => c.toLowerCase() === code.toLowerCase())) out.push(code);
  }
  if (out.length === 0) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      'A project needs at least one language.',
      'Give your own language first, then the languages your pupils learn (for example en,fr,es).',
    );
  }
  return out;
}

export function readLanguages(db: Db): LanguageCode[] {
  const rows = db.prepare('SELECT code FROM languages ORDER BY position').all() as { code: string }[];
  return rows.map((r) => r.code);
}

export function readProjectInfo(db: Db, dir: string): ProjectInfo {
  const row = db.prepare('SELECT name, created_at FROM project WHERE id = 1').get() as { name: string; created_at: string } | undefined;
  if (!row) {
    throw new StudioError('DATABASE_CORRUPT', 'The project database has no project record.', 'Restore the project folder from a backup.');
  }
  const langs = readLanguages(db);
  return { dir, name: row.name, sourceLanguage: langs[0] ?? 'en', targetLanguages: langs.slice(1), createdAt: row.created_at };
}

export function writeProjectRecord(db: Db, name: string, languages: LanguageCode[]): void {
  db.transaction(() => {
    db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(name, new Date().toISOString());
    writeLanguages(db, languages);
  })();
}

/**
 * Replaces the language list. Words already written in a language that is dropped stay in the
 * database (re-adding the language brings them back) so nothing a teacher typed is lost.
 */
export function writeLanguages(db: Db, languages: LanguageCode[]): void {
  const langs = normaliseLanguages(languages);
  db.transaction(() => {
    db.prepare('DELETE FROM languages').run();
    const insert = db.prepare('INSERT INTO languages (code, position) VALUES (?, ?)');
    langs.forEach((code, i) => insert.run(code, i));
  })();
}

/** Matches a language code against the project's list, case-insensitively; null when absent. */
export function findLanguage(languages: readonly LanguageCode[], code: string): LanguageCode | null {
  return languages.find((l) => l.toLowerCase() === code.trim().toLowerCase()) ?? null;
}

/**
 * Names the project to phones without saying anything about it: a short hash of when it was made,
 * which a copy of the folder keeps. Deck numbers are per project, so a phone lets go of a deck only
 * on its own project's word (src/renderer/phone/deck-gone.ts).
 */
export function projectIdentity(db: Db): string {
  const row = db.prepare('SELECT created_at FROM project WHERE id = 1').get() as { created_at: string } | undefined;
  return createHash('sha256')
    .update(row?.created_at ?? '')
    .digest('base64url')
    .slice(0, 16);
}
