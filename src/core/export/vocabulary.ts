import type { LanguageCode } from '../../shared/domain';

/** One class of an exported deck, in the model's output order. */
export interface VocabularyClass {
  key: string;
  words: Record<LanguageCode, string>;
  /** The deck's "Nothing I know": apps show and say nothing when it wins. */
  background?: boolean;
}

/** The words of one deck as exported: `vocabulary.json` in the TF.js folder. */
export interface VocabularyFile {
  deck: string;
  languages: LanguageCode[];
  /** The key of the background ("Nothing I know") class, or null when the deck has none. */
  background: string | null;
  classes: { index: number; key: string; background: boolean; words: Record<LanguageCode, string> }[];
}

export function vocabularyFile(deck: string, classes: VocabularyClass[], languages: LanguageCode[]): VocabularyFile {
  return {
    deck,
    languages,
    background: backgroundLabel(classes),
    classes: classes.map((c, index) => ({
      index,
      key: c.key,
      background: c.background === true,
      words: Object.fromEntries(languages.map((l) => [l, c.words[l] ?? ''])),
    })),
  };
}

/** The label (class key) of the deck's background class, or null. */
export function backgroundLabel(classes: readonly VocabularyClass[]): string | null {
  return classes.find((c) => c.background)?.key ?? null;
}

/**
 * What an app must know about an output's background, in one sentence (TFLite descriptions, the
 * README), or '' when the deck has none.
 */
export function backgroundSentence(classes: readonly VocabularyClass[]): string {
  const index = classes.findIndex((c) => c.background);
  if (index < 0) return '';
  return `Class ${index} ("${classes[index].key}") is the background ("Nothing I know": the empty desk, the classroom, hands): when it wins, show and say nothing.`;
}

/** A label file: one line per class in output order (line breaks inside a word become spaces). */
export function labelsText(lines: string[]): string {
  return lines.map((l) => l.replace(/[\r\n]+/g, ' ').trim()).join('\n') + '\n';
}

export function keyLabels(classes: VocabularyClass[]): string {
  return labelsText(classes.map((c) => c.key));
}

export function wordLabels(classes: VocabularyClass[], language: LanguageCode): string {
  return labelsText(classes.map((c) => c.words[language] ?? c.key));
}

/** A file-name-safe form of a deck name ("Fruits & Veg" -> "fruits-veg"), never empty. */
export function fileSafe(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.length > 0 ? s.slice(0, 60) : 'deck';
}

/** fileSafe names for several decks, made distinct ("deck", "deck-2") when two would collide. */
export function distinctFileNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = fileSafe(n);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  });
}
