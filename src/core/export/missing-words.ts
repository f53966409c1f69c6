import type { MissingWord } from '../../shared/api/export';
import type { DeckClass, LanguageCode } from '../../shared/domain';
import { StudioError } from '../../shared/errors';

/**
 * Every (class, language) pair without a word, in class order then language order. The
 * background ("Nothing I know") is never shown or said, so it needs no word.
 */
export function findMissingWords(deck: { id: number; name: string }, classes: DeckClass[], languages: LanguageCode[]): MissingWord[] {
  const missing: MissingWord[] = [];
  for (const c of classes) {
    if (c.background) continue;
    for (const language of languages) {
      if ((c.words[language] ?? '').trim().length === 0) {
        missing.push({ deckId: deck.id, deckName: deck.name, classId: c.id, classKey: c.key, language });
      }
    }
  }
  return missing;
}

/** WORDS_MISSING naming each class and language; details: [{classKey, language, ...}]. */
export function wordsMissingError(missing: MissingWord[]): StudioError {
  const shown = missing.slice(0, 8).map((m) => `"${m.classKey}" in ${m.language}`);
  const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
  return new StudioError(
    'WORDS_MISSING',
    `Some words are missing, so the model would go out without them: ${shown.join(', ')}${more}.`,
    'Write the missing words in the deck view (they are marked there), or leave those languages out of the export.',
    missing.map((m) => ({ classKey: m.classKey, language: m.language, deckId: m.deckId, deckName: m.deckName, classId: m.classId })),
  );
}
