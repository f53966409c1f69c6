import type { CheckInput, RawFinding } from './check-types';

/** A word with fewer photos than this is hard to learn, whatever the others have. */
export const FEW_PHOTOS = 10;
/** A word with under a third of the biggest word's photos pulls the model toward the big ones. */
export const IMBALANCE_RATIO = 1 / 3;

/** One finding per word that has too few photos, alone or next to the biggest word. */
export function balanceFindings(input: CheckInput): RawFinding[] {
  if (input.classes.length < 2) return [];
  const members = input.classes.map(() => [] as number[]);
  const indexOf = new Map(input.classes.map((c, i) => [c.id, i]));
  input.photos.forEach((p, i) => members[indexOf.get(p.classId) ?? 0].push(i));
  const largest = Math.max(...members.map((m) => m.length));
  const out: RawFinding[] = [];
  members.forEach((m, classIndex) => {
    const n = m.length;
    if (n >= FEW_PHOTOS && n >= largest * IMBALANCE_RATIO) return;
    out.push({ kind: 'imbalance', members: m, classIndex, count: n, score: 1 - n / Math.max(FEW_PHOTOS, largest) });
  });
  return out;
}
