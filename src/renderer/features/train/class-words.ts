import { BACKGROUND_NAME } from '../../../shared/background';
import type { DeckClass, LanguageCode } from '../../../shared/domain';

export interface ClassLabel {
  /** The word in the teacher's language, or the key when that word is not written yet. */
  word: string;
  key: string;
  /** True when the word reads differently from the key, so both are worth showing. */
  showKey: boolean;
}

/** Labels by class key, for results whose classes are named by key (confusion matrix, bars). */
export function classLabels(classes: readonly DeckClass[], teacher: LanguageCode): Map<string, ClassLabel> {
  const out = new Map<string, ClassLabel>();
  // "Nothing I know" has no words: it is named as the teacher added it.
  for (const c of classes) out.set(c.key, c.background ? labelOf(c.key, { [teacher]: BACKGROUND_NAME }, teacher) : labelOf(c.key, c.words, teacher));
  return out;
}

export function labelOf(key: string, words: Record<LanguageCode, string> | undefined, teacher: LanguageCode): ClassLabel {
  const word = words?.[teacher]?.trim() || key;
  return { word, key, showKey: word.toLocaleLowerCase() !== key.toLocaleLowerCase() };
}

/** A key the deck no longer has (renamed or deleted since training) still gets a label. */
export function labelFor(labels: Map<string, ClassLabel>, key: string): ClassLabel {
  return labels.get(key) ?? { word: key, key, showKey: false };
}

/** "apple" or "pomme (apple)" when the key differs: one line for tight places. */
export function labelText(l: ClassLabel): string {
  return l.showKey ? `${l.word} (${l.key})` : l.word;
}
