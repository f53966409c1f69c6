/**
 * The deck seen as a map, and "why this word?": both read the features the studio caches for every
 * photo (one vector per photo, per base model).
 *
 * The map: `openDeckMap({deckId})` answers `{map}` at once when the deck's photos were arranged
 * before (moving photos between words does not change where they sit, only their colour), or
 * `{jobId}` for a job of kind "deck-map" (features the photos lack, then the arrangement, with
 * progress) whose `job.finished` result is a `DeckMap`. Points are keyed by the photo's sha256 so
 * the window joins them to its own photo list (and so to each photo's word, as it is now).
 *
 * "Why this word?": `findSimilarPhotos({deckId, query, classKeys})` gives, for each word asked
 * (the predicted one and the runner-up), the deck photos of that word whose features are nearest
 * to the query (cosine similarity). The query is a deck photo (`{photoId}`, e.g. a misclassified
 * one: itself left out) or features the window computed (`{features}`, e.g. a webcam frame). The
 * deck's current model version (or `versionId`) says which base model's features to compare.
 *
 * Errors: NOT_TRAINED (no model version to say which features), INVALID_ARGUMENT (features of the
 * wrong length, a word not in the deck), PHOTO_NOT_FOUND, plus what computing features may raise.
 */
import { z } from 'zod';
import type { LanguageCode } from '../domain';
import { LIMITS, id, request, text } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

/** One photo on the map: x and y in 0..1 (the same scale on both axes). */
export interface MapPoint {
  sha256: string;
  x: number;
  y: number;
}

/** What a "deck-map" job finishes with, and what `openDeckMap` answers when it is ready. */
export interface DeckMap {
  deckId: number;
  baseModelId: string;
  points: MapPoint[];
  /** Photos that could not be placed (their file could not be read): id and reason. */
  unplaced: { photoId: number; reason: string }[];
  /** Milliseconds the arrangement took (0 when it came from the cache). */
  computeMs: number;
}

/** A deck photo near the query. */
export interface SimilarPhoto {
  photoId: number;
  sha256: string;
  /** Cosine similarity of the features, -1..1 (1: the same picture to the network). */
  similarity: number;
}

/** The nearest photos of one word. */
export interface SimilarGroup {
  classKey: string;
  /** The deck's "Nothing I know" word: screens name it so, never by its key. */
  background: boolean;
  words: Record<LanguageCode, string>;
  photos: SimilarPhoto[];
}

export interface SimilarPhotos {
  baseModelId: string;
  /** One group per word asked, in the order asked. */
  groups: SimilarGroup[];
  /** Deck photos whose features are not computed yet (they cannot be compared until then). */
  notCompared: number;
}

/** Longest feature vector a request may carry (MobileNets give 256 to 1,280). */
export const MAX_FEATURE_LENGTH = 4096;
/** Most photos per word a "why" answer shows. */
export const MAX_SIMILAR = 12;

export type SimilarQuery = { photoId: number } | { features: number[] };

export interface DeckMapApi {
  openDeckMap: { req: { deckId: number }; res: { map: DeckMap | null; jobId: string | null } };
  findSimilarPhotos: {
    req: { deckId: number; versionId?: number; query: SimilarQuery; classKeys: string[]; count?: number };
    res: SimilarPhotos;
  };
}

/** Finite numbers only: NaN or Infinity from a broken frame would make every similarity NaN. */
const features = () =>
  z
    .array(z.number({ error: 'expected a finite number' }).refine(Number.isFinite, { error: 'expected a finite number' }))
    .min(1)
    .max(MAX_FEATURE_LENGTH);

export const deckMapMethods = requestSchemas<DeckMapApi>()({
  openDeckMap: request({ deckId: id() }),
  findSimilarPhotos: request({
    deckId: id(),
    versionId: id().optional(),
    query: z.union([request({ photoId: id() }), request({ features: features() })], { error: 'expected {photoId} or {features}' }),
    classKeys: z.array(text()).min(1).max(LIMITS.fewItems),
    count: z.int().min(1).max(MAX_SIMILAR).optional(),
  }),
});
