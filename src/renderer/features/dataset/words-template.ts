import type { DeckClass, LanguageCode } from '../../../shared/domain';

/** One spreadsheet cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function cell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const EXAMPLE_APPLE: Record<string, string> = { en: 'apple', fr: 'pomme', es: 'manzana', de: 'Apfel', it: 'mela', pt: 'maçã', nl: 'appel' };

/** "apple" in a language, for the example row ("…" where we do not know it). */
function appleIn(lang: LanguageCode): string {
  return EXAMPLE_APPLE[lang] ?? EXAMPLE_APPLE[lang.split('-')[0].toLowerCase()] ?? '…';
}

/** The header and one example row for the project's languages, as the dialog shows them. */
export function exampleRows(languages: readonly LanguageCode[]): string[][] {
  return [
    ['key', ...languages],
    ['apple', ...languages.map(appleIn)],
  ];
}

/**
 * A word list to fill in a spreadsheet: the header for the project's languages, then one row per
 * word of the deck (not the background) with what is written so far (an example row when the deck has none). The byte
 * order mark makes Excel read it as UTF-8; the studio's reader skips it.
 */
export function wordsTemplateCsv(
  languages: readonly LanguageCode[],
  all: readonly (Pick<DeckClass, 'key' | 'words'> & { background?: boolean })[],
): string {
  // "Nothing I know" has no words to write: the list leaves it out.
  const classes = all.filter((c) => !c.background);
  const rows =
    classes.length > 0 ? [['key', ...languages], ...classes.map((c) => [c.key, ...languages.map((l) => c.words[l] ?? '')])] : exampleRows(languages);
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
