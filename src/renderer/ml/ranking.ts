import type { LanguageCode } from '../../shared/domain';

/** One class with how sure the model is of it. */
export interface RankedClass {
  key: string;
  /** Word per language for this class. */
  words: Record<LanguageCode, string>;
  probability: number;
}

/** Classes ordered by probability, most likely first (at most `k`). */
export function rankClasses(
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  words: Record<string, Record<LanguageCode, string>>,
  k = 3,
): RankedClass[] {
  return labels
    .map((key, i) => ({ key, words: words[key] ?? {}, probability: probabilities[i] }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

/** The word to show for a class in `language`, falling back to its key when it has none. */
export function wordFor(ranked: Pick<RankedClass, 'key' | 'words'>, language: LanguageCode): string {
  const w = ranked.words[language];
  return w && w.trim() ? w : ranked.key;
}
