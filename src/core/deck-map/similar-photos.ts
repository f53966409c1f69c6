import type { SimilarGroup, SimilarPhotos, SimilarQuery } from '../../shared/api/deck-map';
import type { HeadSpec } from '../../shared/api/training';
import { StudioError } from '../../shared/errors';
import type { Db } from '../store/open-database';
import { listClasses } from '../store/classes-repo';
import { unit as toUnit } from '../doctor/neighbours';
import { loadDeckVectors, type DeckVectors } from './deck-vectors';

/** Photos per word when the caller does not say. */
export const DEFAULT_SIMILAR = 4;

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The `count` photos of each class nearest to `query` (a unit vector), most similar first. Ties
 * keep photo order, so answers are stable. `skipPhotoId` leaves the query's own photo out.
 */
export function nearestByClass(
  vectors: DeckVectors,
  query: Float32Array,
  classIds: readonly number[],
  count: number,
  skipPhotoId?: number,
): Map<number, { photoId: number; sha256: string; similarity: number }[]> {
  const wanted = new Set(classIds);
  const scored = new Map<number, { photoId: number; sha256: string; similarity: number }[]>(classIds.map((c) => [c, []]));
  for (const { photo, unit } of vectors.withFeatures) {
    if (!wanted.has(photo.classId) || photo.id === skipPhotoId) continue;
    scored.get(photo.classId)?.push({ photoId: photo.id, sha256: photo.sha256, similarity: dot(query, unit) });
  }
  for (const [c, list] of scored) scored.set(c, list.sort((a, b) => b.similarity - a.similarity).slice(0, count));
  return scored;
}

/** A deck photo's own unit vector, or a plain refusal when it is not in the deck or not computed yet. */
function photoVector(vectors: DeckVectors, photoId: number): Float32Array {
  const found = vectors.withFeatures.find((v) => v.photo.id === photoId);
  if (found) return found.unit;
  if (vectors.without.some((p) => p.id === photoId)) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      'The studio has not looked at this photo yet, so it cannot say which photos it resembles.',
      'Train the deck again (or open its map): that computes what the studio needs.',
    );
  }
  throw new StudioError(
    'PHOTO_NOT_FOUND',
    'That photo is no longer in this deck.',
    'It was moved to another deck or deleted; train again to see fresh results.',
  );
}

/**
 * "Why this word?": for each class key asked, the deck photos of that class whose features are
 * nearest to the query's. Features are those of the head's base model (what the model saw).
 */
export function findSimilarPhotos(
  db: Db,
  req: { deckId: number; head: HeadSpec; query: SimilarQuery; classKeys: readonly string[]; count: number },
): SimilarPhotos {
  const classes = listClasses(db, req.deckId);
  const asked = req.classKeys.map((key) => {
    const cls = classes.find((c) => c.key.toLowerCase() === key.toLowerCase());
    if (!cls) {
      throw new StudioError('INVALID_ARGUMENT', `This deck has no word "${key}".`, 'The deck changed meanwhile: test the photo again.', {
        classKey: key,
      });
    }
    return cls;
  });
  const vectors = loadDeckVectors(db, req.deckId, req.head.baseModelId);
  let query: Float32Array;
  let skip: number | undefined;
  if ('photoId' in req.query) {
    query = photoVector(vectors, req.query.photoId);
    skip = req.query.photoId;
  } else {
    if (req.query.features.length !== req.head.featureSize) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        `The photo's features have ${req.query.features.length} numbers; this model compares ${req.head.featureSize}.`,
        'The window runs an older model: reload this screen.',
      );
    }
    query = toUnit(Float32Array.from(req.query.features));
  }
  const nearest = nearestByClass(
    vectors,
    query,
    asked.map((c) => c.id),
    req.count,
    skip,
  );
  const groups: SimilarGroup[] = asked.map((c) => ({ classKey: c.key, background: c.background, words: c.words, photos: nearest.get(c.id) ?? [] }));
  return { baseModelId: req.head.baseModelId, groups, notCompared: vectors.without.length };
}
