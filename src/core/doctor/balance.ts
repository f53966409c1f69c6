import type { CheckInput, RawFinding } from './check-types';

/** Under this many photos, a word at half of another word's count is already left behind. */
export const FEW_PHOTOS = 10;
/** A word with under a third of the biggest word's photos pulls the model toward the big ones. */
export const IMBALANCE_RATIO = 1 / 3;
/** Share of the biggest word's photos at or under which a word with few photos is behind. */
const FEW_BEHIND_RATIO = 1 / 2;

/**
 * One finding per word left far behind the deck's biggest word. A new deck whose words all have
 * a few photos is not listed: nothing in it is wrong yet, and Train says before training when a
 * word has too few photos to learn from (two findings saying "few photos" on an 8-photo deck
 * were noise that hid its one real problem).
 */
export function balanceFindings(input: CheckInput): RawFinding[] {
  if (input.classes.length < 2) return [];
  const members = input.classes.map(() => [] as number[]);
  const indexOf = new Map(input.classes.map((c, i) => [c.id, i]));
  input.photos.forEach((p, i) => members[indexOf.get(p.classId) ?? 0].push(i));
  const largest = Math.max(...members.map((m) => m.length));
  const out: RawFinding[] = [];
  members.forEach((m, classIndex) => {
    const n = m.length;
    const behind = n < largest * IMBALANCE_RATIO || (n < FEW_PHOTOS && n <= largest * FEW_BEHIND_RATIO);
    if (!behind) return;
    out.push({ kind: 'imbalance', members: m, classIndex, count: n, score: 1 - n / Math.max(FEW_PHOTOS, largest) });
  });
  return out;
}
