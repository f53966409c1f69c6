/**
 * A deck's state as far as its model and export care: its classes with their words, and which
 * photo (by content) is in which class. Compared later with the deck as it is then, it tells a
 * teacher what changed since a model was trained or an export made.
 */
import { createHash } from 'node:crypto';
import type { DeckChanges } from '../../shared/api/deploy';
import type { LanguageCode } from '../../shared/domain';
import type { DeckDataset } from '../ml/training/deck-dataset';

export interface DeckSnapshot {
  /**
   * Classes in the deck's order with their words; `background` only on the deck's "Nothing I
   * know" (absent rather than false, so decks without one keep the fingerprints they had).
   */
  classes: { key: string; words: Record<LanguageCode, string>; background?: true }[];
  /** Photo sha256 -> class key. */
  photos: Record<string, string>;
}

export function snapshotOf(ds: DeckDataset): DeckSnapshot {
  const photos: Record<string, string> = {};
  for (const p of [...ds.photos].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) photos[p.sha256] = ds.labels[p.classIndex];
  return {
    classes: ds.labels.map((key) => ({
      key,
      words: sortedWords(ds.words[key] ?? {}),
      ...(ds.background === key ? { background: true as const } : {}),
    })),
    photos,
  };
}

function sortedWords(words: Record<LanguageCode, string>): Record<LanguageCode, string> {
  return Object.fromEntries(
    Object.entries(words)
      .filter(([, w]) => w.trim() !== '')
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Same snapshot, same fingerprint (keys are written in a fixed order by snapshotOf). */
export function fingerprintOf(s: DeckSnapshot): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex');
}

const lower = (k: string) => k.toLowerCase();

/** What changed from `then` to `now`. Class keys compare without case, as the database does. */
export function diffSnapshots(then: DeckSnapshot, now: DeckSnapshot): DeckChanges {
  const thenKeys = new Map(then.classes.map((c) => [lower(c.key), c]));
  const nowKeys = new Map(now.classes.map((c) => [lower(c.key), c]));
  let photosAdded = 0;
  let photosMoved = 0;
  for (const [sha, key] of Object.entries(now.photos)) {
    const before = then.photos[sha];
    if (before === undefined) photosAdded++;
    else if (lower(before) !== lower(key)) photosMoved++;
  }
  const photosRemoved = Object.keys(then.photos).filter((sha) => now.photos[sha] === undefined).length;
  const wordsChanged = now.classes
    .filter((c) => {
      const before = thenKeys.get(lower(c.key));
      return before !== undefined && JSON.stringify(sortedWords(before.words)) !== JSON.stringify(sortedWords(c.words));
    })
    .map((c) => c.key);
  // Only words present both times: a word added or deleted is counted as such already.
  const role = (marked: boolean) =>
    now.classes
      .filter((c) => {
        const before = thenKeys.get(lower(c.key));
        return before !== undefined && (c.background === true) === marked && (before.background === true) !== marked;
      })
      .map((c) => c.key);
  return {
    photosAdded,
    photosRemoved,
    photosMoved,
    classesAdded: now.classes.filter((c) => !thenKeys.has(lower(c.key))).map((c) => c.key),
    classesRemoved: then.classes.filter((c) => !nowKeys.has(lower(c.key))).map((c) => c.key),
    wordsChanged,
    backgroundMarked: role(true),
    backgroundUnmarked: role(false),
  };
}

/**
 * Photos or classes changed: the model no longer matches the deck. A word turned into the
 * background (or back) is not among them: the model's outputs are the same, only what screens and
 * exports do with one of them changes, so it goes out with the next export, as words do.
 */
export function modelAffected(c: DeckChanges): boolean {
  return c.photosAdded + c.photosRemoved + c.photosMoved + c.classesAdded.length + c.classesRemoved.length > 0;
}

export function anyChange(c: DeckChanges): boolean {
  return modelAffected(c) || exportOnly(c);
}

/** Changes a new export carries without training again: written words, and which word is the background. */
export function exportOnly(c: DeckChanges): boolean {
  return c.wordsChanged.length + c.backgroundMarked.length + c.backgroundUnmarked.length > 0;
}
