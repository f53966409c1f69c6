import { createHash } from 'node:crypto';
import type { Finding, FindingKind } from '../../shared/api/doctor';
import { balanceFindings } from './balance';
import type { CheckInput, RawFinding } from './check-types';
import { duplicateFindings } from './duplicates';
import { labelFindings } from './labels';
import { nearestNeighbours } from './neighbours';
import { qualityFindings } from './quality';

/** Order of kinds in the list (after photos under two words, which come first whatever their kind). */
const KIND_ORDER: readonly FindingKind[] = ['duplicate', 'near-duplicate', 'mislabel', 'outlier', 'blurry', 'dark', 'bright', 'tiny', 'imbalance'];

/**
 * A finding's key: its kind and what it is about (the photos' contents, or the word), so the same
 * problem found again in a later check has the same key and a "keep" still applies, even after the
 * photos were moved or the deck re-imported.
 */
export function findingKey(kind: FindingKind, about: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...about].sort().join('\n'))
    .digest('hex')
    .slice(0, 24);
  return `${kind}:${digest}`;
}

function toFinding(input: CheckInput, raw: RawFinding): Finding {
  const photos = raw.members.map((i) => {
    const { id, sha256, file, classId, classKey } = input.photos[i];
    return { id, sha256, file, classId, classKey };
  });
  const word = raw.classIndex !== undefined ? input.classes[raw.classIndex] : undefined;
  const suggested = raw.suggestedClassIndex !== undefined ? input.classes[raw.suggestedClassIndex] : undefined;
  // Imbalance is about the word, not its photos (which change as the teacher adds some).
  const about = raw.kind === 'imbalance' && word ? [`word:${word.id}`] : photos.map((p) => p.sha256);
  return {
    key: findingKey(raw.kind, about),
    kind: raw.kind,
    photos,
    score: Math.round(raw.score * 1000) / 1000,
    ...(suggested ? { suggestedClassKey: suggested.key, suggestedClassId: suggested.id } : {}),
    ...(raw.acrossWords !== undefined ? { acrossWords: raw.acrossWords } : {}),
    ...(word ? { classKey: word.key, classId: word.id, count: raw.count } : {}),
  };
}

/** Worst first: the same photo under two words, then by kind, then by score. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(b.acrossWords === true) - Number(a.acrossWords === true) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      b.score - a.score ||
      a.key.localeCompare(b.key),
  );
}

/** Every check on one deck; pure apart from cancellation (it yields between blocks of work). */
export async function checkDeck(input: CheckInput): Promise<Finding[]> {
  const neighbours = input.features.size > 1 ? await nearestNeighbours(input) : null;
  const duplicates = duplicateFindings(input, neighbours);
  const quality = qualityFindings(input);
  const flagged = new Set(quality.flatMap((f) => f.members));
  const raw: RawFinding[] = [
    ...duplicates.findings,
    ...(neighbours ? await labelFindings(input, neighbours, duplicates.partners, flagged) : []),
    ...quality,
    ...balanceFindings(input),
  ];
  return rankFindings(raw.map((r) => toFinding(input, r)));
}
