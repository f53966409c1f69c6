import type { HeadSpec } from '../../shared/api/training';
import type { DeckClass } from '../../shared/domain';
import { isStudioError, StudioError } from '../../shared/errors';
import { splitByBlocks } from '../ml/training/block-split';
import { framingOf, type TrainedFraming } from '../ml/features/framing';
import { loadDeckDataset } from '../ml/training/deck-dataset';
import { getHead, getModelVersion, getValidationPhotoIds, resolveVersionId } from '../ml/versions/model-versions-repo';
import type { Db } from '../store/open-database';

/** A deck's trained model as export needs it. */
export interface DeckModel {
  versionId: number;
  number: number;
  baseModelId: string;
  head: HeadSpec;
  validationShare: number;
  /** The framings of the picture it was trained on (the export says how to feed it). */
  framing: TrainedFraming;
  /** The photos training judged the version on; null for versions saved before they were kept. */
  validationPhotoIds: number[] | null;
}

/** The deck's newest model version (the one it uses), or NOT_TRAINED naming the deck. */
export function currentDeckModel(db: Db, deck: { id: number; name: string }): DeckModel {
  let versionId: number;
  try {
    versionId = resolveVersionId(db, deck.id);
  } catch (e) {
    if (isStudioError(e) && e.code === 'NOT_TRAINED') {
      throw new StudioError('NOT_TRAINED', `The deck "${deck.name}" has no trained model yet.`, 'Train the deck first, then export it.');
    }
    throw e;
  }
  const version = getModelVersion(db, versionId);
  const { head } = getHead(db, versionId);
  return {
    versionId,
    number: version.number,
    baseModelId: version.baseModelId,
    head,
    validationShare: version.settings.validationShare,
    framing: framingOf(version.settings),
    validationPhotoIds: getValidationPhotoIds(db, versionId),
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
  /** Index in the model's output. */
  classIndex: number;
}

/** Most photos the parity gate looks at when a deck kept none aside for validation. */
const FALLBACK_PHOTOS = 24;

/** Dataset indices of the version's validation photos that the deck still has, in dataset order. */
function validationIndices(photos: readonly { id: number }[], ids: readonly number[]): number[] {
  const kept = new Set(ids);
  return photos.flatMap((p, i) => (kept.has(p.id) ? [i] : []));
}

/**
 * The deck's photos the model knows (in its output's class numbering): all of them, and those
 * training judged the version on (stored with the version; for versions saved before that,
 * training's block split re-derived from the deck as it is now). Photos of classes added since
 * training are left out.
 */
export function deckPhotos(db: Db, deckId: number, model: DeckModel): { all: ParityPhoto[]; validation: ParityPhoto[] } {
  const dataset = loadDeckDataset(db, deckId);
  const val =
    model.validationPhotoIds !== null
      ? validationIndices(dataset.photos, model.validationPhotoIds)
      : splitByBlocks(
          dataset.photos.map((p) => p.classIndex),
          model.validationShare,
        ).val;
  const outputIndex = (datasetClass: number) => model.head.labels.findIndex((l) => l.toLowerCase() === dataset.labels[datasetClass].toLowerCase());
  const known = (indices: number[]) =>
    indices
      .map((i) => dataset.photos[i])
      .map((p) => ({ sha256: p.sha256, classIndex: outputIndex(p.classIndex) }))
      .filter((p) => p.classIndex >= 0);
  return { all: known(dataset.photos.map((_, i) => i)), validation: known(val) };
}

/**
 * The photos the parity gate runs: the validation photos the deck's model was judged on (stored
 * with the version; for versions saved before that, training's block split re-derived from the
 * deck as it is now), or, when training kept none aside, photos spread evenly over the deck.
 * Photos deleted since training, and those of classes added since (the model does not know
 * them), are left out.
 */
export function parityPhotos(db: Db, deckId: number, model: DeckModel): { photos: ParityPhoto[]; validation: boolean } {
  const { all, validation } = deckPhotos(db, deckId, model);
  if (validation.length > 0) return { photos: validation, validation: true };
  const step = Math.max(1, all.length / FALLBACK_PHOTOS);
  const spread: ParityPhoto[] = [];
  for (let i = 0; i < all.length && spread.length < FALLBACK_PHOTOS; i += step) spread.push(all[Math.floor(i)]);
  return { photos: spread, validation: false };
}
