import type { Photo } from '../../shared/domain';
import { EmbeddingStore } from '../ml/features/embedding-store';
import { PREPROCESSING_VERSION } from '../ml/features/preprocess';
import type { Db } from '../store/open-database';
import { listPhotos } from '../store/photos-repo';
import { unit as toUnit } from '../doctor/neighbours';

/** A deck photo with its cached features, scaled to unit length (a dot product is then the cosine). */
export interface PhotoVector {
  photo: Photo;
  unit: Float32Array;
}

export interface DeckVectors {
  /** Photos whose features are cached, in photo order. */
  withFeatures: PhotoVector[];
  /** Photos whose features are not computed yet. */
  without: Photo[];
}

/**
 * Unit vectors by sha256, per open database and base model: "why this word?" asks a few times a
 * second during a live test, and reading a large deck's vectors from SQLite each time would cost
 * more than comparing them. A photo's features never change (they are keyed by its content), so
 * entries need no invalidation; a closed project's database is dropped with its entries.
 */
const cache = new WeakMap<Db, Map<string, Map<string, Float32Array>>>();

function vectorsFor(db: Db, baseModelId: string): Map<string, Float32Array> {
  let byModel = cache.get(db);
  if (!byModel) cache.set(db, (byModel = new Map<string, Map<string, Float32Array>>()));
  const key = `${baseModelId}\n${PREPROCESSING_VERSION}`;
  let bySha = byModel.get(key);
  if (!bySha) byModel.set(key, (bySha = new Map<string, Float32Array>()));
  return bySha;
}

/** The deck's live photos with their plain ("orig") features under one base model. */
export function loadDeckVectors(db: Db, deckId: number, baseModelId: string): DeckVectors {
  const photos = listPhotos(db, deckId);
  const known = vectorsFor(db, baseModelId);
  const unknown = [...new Set(photos.map((p) => p.sha256).filter((sha) => !known.has(sha)))];
  if (unknown.length > 0) {
    const store = new EmbeddingStore(db, { baseModelId, preprocessing: PREPROCESSING_VERSION });
    for (const [sha, v] of store.getMany(unknown, 'orig')) known.set(sha, toUnit(v));
  }
  const out: DeckVectors = { withFeatures: [], without: [] };
  for (const photo of photos) {
    const unit = known.get(photo.sha256);
    if (unit) out.withFeatures.push({ photo, unit });
    else out.without.push(photo);
  }
  return out;
}
