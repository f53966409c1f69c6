import type { Db } from '../../store/open-database';
import { EmbeddingStore } from '../features/embedding-store';
import { missingViews } from '../features/features-job';
import { PREPROCESSING_VERSION } from '../features/preprocess';
import { unreadableAmong } from '../features/unreadable-photos';
import { loadDeckDataset } from './deck-dataset';
import { readDeckConfig } from './training-config-repo';
import { trainingFeatureNeeds } from './training-needs';
import { resolveSettings } from './training-settings';

/**
 * How many of the deck's photos have every feature a training with its current settings needs, and
 * how many of the rest cannot be decoded (they never will: not "waiting"). One lookup of stored
 * views and one of unreadable photos per deck whatever its size (EmbeddingStore.views, through
 * missingViews): it runs at every status call, at the end of each preparation and for every deck
 * of a project being opened.
 */
export function deckReadiness(db: Db, deckId: number): { ready: number; photos: number; unreadable: number } {
  const { baseModelId, settings } = readDeckConfig(db, deckId);
  const needs = trainingFeatureNeeds(loadDeckDataset(db, deckId), resolveSettings(settings));
  const photos = new Set(needs[0].photos.map((p) => p.sha256)).size;
  const missing = missingViews(new EmbeddingStore(db, { baseModelId, preprocessing: PREPROCESSING_VERSION }), needs);
  const unreadable = unreadableAmong(db, [...missing.keys()]).size;
  return { ready: photos - missing.size, photos, unreadable };
}
