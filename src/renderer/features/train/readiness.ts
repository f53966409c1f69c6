/** A word as readiness sees it: what the teacher calls it and how many photos it has. */
export interface WordCount {
  word: string;
  photos: number;
}

export interface Readiness {
  /** Why Train is disabled (the same rule the core applies), or null when it can run. */
  blocked: string | null;
  /** Things that will make the model worse but do not stop it. */
  warnings: string[];
}

/** Below this, a word is learnt from too few examples to be trusted. */
export const FEW_PHOTOS = 5;

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** Whether a deck can be trained, said the way a teacher can act on. */
export function readiness(words: readonly WordCount[]): Readiness {
  if (words.length < 2) {
    return {
      blocked:
        words.length === 0
          ? 'Add at least two words with photos on the Photos tab: a model learns to tell words apart.'
          : 'Add a second word with photos on the Photos tab: a model learns to tell words apart.',
      warnings: [],
    };
  }
  const empty = words.filter((w) => w.photos === 0).map((w) => w.word);
  if (empty.length > 0) {
    const these = empty.length === 1 ? `${quoted(empty)} has` : `${quoted(empty)} have`;
    return {
      blocked: `${these} no photos yet. Add photos on the Photos tab (ten or more each works best), or delete the words you do not need.`,
      warnings: [],
    };
  }
  const few = words.filter((w) => w.photos < FEW_PHOTOS).map((w) => w.word);
  const warnings =
    few.length > 0
      ? [
          `${quoted(few)} ${few.length === 1 ? 'has' : 'have'} fewer than ${FEW_PHOTOS} photos: the model will know ${few.length === 1 ? 'it' : 'them'} poorly. Ten or more each works best.`,
        ]
      : [];
  return { blocked: null, warnings };
}
