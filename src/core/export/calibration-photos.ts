import type { Db } from '../store/open-database';
import { deckPhotos, type DeckModel, type ParityPhoto } from './deck-model';

/**
 * Photos a full-integer export is calibrated on: how many, across all decks. Activation ranges
 * (min and max of each layer) settle after a hundred-odd varied photos; a few hundred keep the
 * calibration to a few seconds on a laptop.
 */
export const CALIBRATION_PHOTOS = 240;

/** Below this many training photos, the validation photos calibrate too (ranges need variety). */
const MIN_TRAINING_PHOTOS = 30;

/**
 * Up to `limit` of the deck's own photos, taken in turn from every word so each word's pictures
 * shape the ranges. Training photos only, so the validation photos judge the int8 file on
 * pictures it was not tuned on; a deck with too few training photos lends its validation photos.
 */
export function calibrationPhotos(db: Db, deckId: number, model: DeckModel, limit: number): ParityPhoto[] {
  const { all, validation } = deckPhotos(db, deckId, model);
  const held = new Set(validation.map((p) => p.sha256));
  const training = all.filter((p) => !held.has(p.sha256));
  const ordered = training.length >= MIN_TRAINING_PHOTOS ? training : all;
  const byClass = new Map<number, ParityPhoto[]>();
  for (const p of ordered) byClass.set(p.classIndex, [...(byClass.get(p.classIndex) ?? []), p]);
  const queues = [...byClass.values()];
  const chosen: ParityPhoto[] = [];
  for (let round = 0; chosen.length < limit && queues.some((q) => round < q.length); round++) {
    for (const q of queues) if (round < q.length && chosen.length < limit) chosen.push(q[round]);
  }
  return chosen;
}
