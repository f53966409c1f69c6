import type { LanguageCode } from '../../../shared/domain';
import { StudioError } from '../../../shared/errors';
import { listClasses } from '../../store/classes-repo';
import type { Db } from '../../store/open-database';
import { listPhotos } from '../../store/photos-repo';

export interface DatasetPhoto {
  id: number;
  sha256: string;
  /** Index into `labels`. */
  classIndex: number;
}

/** A deck as training sees it: classes in the deck's order, photos in capture/import order. */
export interface DeckDataset {
  labels: string[];
  words: Record<string, Record<LanguageCode, string>>;
  photos: DatasetPhoto[];
  /** The key of the deck's "Nothing I know" class, or null when it has none. */
  background: string | null;
}

export function loadDeckDataset(db: Db, deckId: number): DeckDataset {
  const classes = listClasses(db, deckId);
  const indexOf = new Map(classes.map((c, i) => [c.id, i]));
  // Photo ids grow as photos arrive, so id order is burst order: what the block split needs.
  const photos = listPhotos(db, deckId)
    .filter((p) => indexOf.has(p.classId))
    .map((p) => ({ id: p.id, sha256: p.sha256, classIndex: indexOf.get(p.classId) as number }));
  return {
    labels: classes.map((c) => c.key),
    words: Object.fromEntries(classes.map((c) => [c.key, c.words])),
    photos,
    background: classes.find((c) => c.background)?.key ?? null,
  };
}

/** Refuses decks a model cannot be trained on, saying which classes need photos. */
export function requireTrainable(ds: DeckDataset): void {
  if (ds.labels.length < 2) {
    throw new StudioError(
      'NOT_ENOUGH_PHOTOS',
      `A model needs at least two classes to tell apart; this deck has ${ds.labels.length}.`,
      'Add another class (a word) with a few photos, then train again.',
    );
  }
  const counts = ds.labels.map((_, i) => ds.photos.filter((p) => p.classIndex === i).length);
  const empty = ds.labels.filter((_, i) => counts[i] === 0);
  if (empty.length > 0) {
    throw new StudioError(
      'NOT_ENOUGH_PHOTOS',
      `These classes have no photos yet: ${empty.join(', ')}.`,
      'Add photos to them (ten or more each works best), or delete the classes you do not need.',
      { classes: empty },
    );
  }
}
