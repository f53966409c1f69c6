import type { HeadSpec, TrainingSettings } from '../../shared/api/training';
import type { DeckClass } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { splitByBlocks } from '../ml/block-split';
import type { Db } from '../store/open-database';
import { listPhotos } from '../store/photos-repo';

/** A deck's trained model as export needs it. */
export interface DeckModel {
  versionId: number;
  number: number;
  baseModelId: string;
  head: HeadSpec;
  validationShare: number;
}

interface VersionRow {
  id: number;
  number: number;
  base_model_id: string;
  head_json: string;
  settings_json: string;
}

/** The deck's newest model version (the one it uses), or NOT_TRAINED. */
export function currentDeckModel(db: Db, deck: { id: number; name: string }): DeckModel {
  const row = db
    .prepare('SELECT id, number, base_model_id, head_json, settings_json FROM model_versions WHERE deck_id = ? ORDER BY number DESC LIMIT 1')
    .get(deck.id) as VersionRow | undefined;
  if (!row) {
    throw new StudioError('NOT_TRAINED', `The deck "${deck.name}" has no trained model yet.`, 'Train the deck first, then export it.');
  }
  const settings = JSON.parse(row.settings_json) as Partial<TrainingSettings>;
  return {
    versionId: row.id,
    number: row.number,
    baseModelId: row.base_model_id,
    head: JSON.parse(row.head_json) as HeadSpec,
    validationShare: settings.validationShare ?? 0,
  };
}

/**
 * The deck's classes in the model's output order. A class renamed or deleted since training has
 * no row for its label any more: the model no longer matches the deck, so it must be retrained.
 */
export function classesInOutputOrder(deckName: string, head: HeadSpec, classes: DeckClass[]): DeckClass[] {
  return head.labels.map((label) => {
    const found = classes.find((c) => c.key.toLowerCase() === label.toLowerCase());
    if (!found) {
      throw new StudioError(
        'NOT_TRAINED',
        `The deck "${deckName}" changed since it was trained: its model knows "${label}", which the deck no longer has.`,
        'Train the deck again, then export it.',
      );
    }
    return found;
  });
}

export interface ParityPhoto {
  sha256: string;
  classIndex: number;
}

/** Most photos the parity gate looks at when a deck kept none aside for validation. */
const FALLBACK_PHOTOS = 24;

/**
 * The photos the parity gate runs: the validation block of the deck's model (each class's last
 * photos, as training holds them out), or, when training kept none aside, photos spread evenly
 * over the deck.
 */
export function parityPhotos(db: Db, deckId: number, model: DeckModel, classes: DeckClass[]): { photos: ParityPhoto[]; validation: boolean } {
  const indexOfClass = new Map(classes.map((c, i) => [c.id, i]));
  const photos = listPhotos(db, deckId)
    .filter((p) => indexOfClass.has(p.classId))
    .map((p) => ({ sha256: p.sha256, classIndex: indexOfClass.get(p.classId) ?? 0 }));
  const { val } = splitByBlocks(photos.map((p) => p.classIndex), model.validationShare);
  if (val.length > 0) return { photos: val.map((i) => photos[i]), validation: true };
  const step = Math.max(1, photos.length / FALLBACK_PHOTOS);
  const spread: ParityPhoto[] = [];
  for (let i = 0; i < photos.length && spread.length < FALLBACK_PHOTOS; i += step) spread.push(photos[Math.floor(i)]);
  return { photos: spread, validation: false };
}
