import type { LanguageCode } from '../../shared/domain';

/** One class with how sure the model is of it. */
export interface RankedClass {
  key: string;
  /** Word per language for this class. */
  words: Record<LanguageCode, string>;
  probability: number;
  /** The deck's "Nothing I know": silence, never a word. */
  background?: boolean;
}

/** Classes ordered by probability, most likely first (at most `k`); `background` names the deck's "Nothing I know" label. */
export function rankClasses(
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  words: Record<string, Record<LanguageCode, string>>,
  k = 3,
  background: string | null = null,
): RankedClass[] {
  return labels
    .map((key, i) => ({ key, words: words[key] ?? {}, probability: probabilities[i], background: key === background }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

/**
 * The top `k` classes, always including `keep` (the class the big word shows): while a word is held
 * during a change it may have dropped out of the top `k`, and its figure must still be on a bar.
 */
export function rankClassesKeeping(
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  words: Record<string, Record<LanguageCode, string>>,
  k: number,
  keep: number | null,
  background: string | null = null,
): RankedClass[] {
  const all = rankClasses(probabilities, labels, words, labels.length, background);
  const top = all.slice(0, k);
  if (keep === null || keep < 0 || keep >= labels.length || top.some((r) => r.key === labels[keep])) return top;
  const kept = all.find((r) => r.key === labels[keep]);
  return kept ? [...top.slice(0, Math.max(0, k - 1)), kept] : top;
}

/** A class's word in one language; `missing` when none is written, and `text` is then its key. */
export interface WordIn {
  text: string;
  missing: boolean;
}

/**
 * The word to show for a class in `language`. A word not written in that language falls back to
 * the class's key and says so: every screen marks it, never passing the key off as the translation.
 */
export function wordIn(ranked: Pick<RankedClass, 'key' | 'words'>, language: LanguageCode): WordIn {
  const w = ranked.words[language];
  return w && w.trim() ? { text: w, missing: false } : { text: ranked.key, missing: true };
}

/** The word's text alone (the key when it is missing); screens that show it use `wordIn` to mark that. */
export function wordFor(ranked: Pick<RankedClass, 'key' | 'words'>, language: LanguageCode): string {
  return wordIn(ranked, language).text;
}
