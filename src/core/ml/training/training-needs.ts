import type { TrainingSettings } from '../../../shared/api/training';
import type { FeatureNeed } from '../features/features-job';
import { AUGMENT_VARIANTS } from '../features/preprocess';
import { splitByBlocks } from './block-split';
import type { DatasetPhoto, DeckDataset } from './deck-dataset';

/** The photos a run learns from and the ones it holds back to judge the model (by blocks). */
export function trainingSplit(dataset: DeckDataset, validationShare: number): { train: DatasetPhoto[]; val: DatasetPhoto[] } {
  const split = splitByBlocks(
    dataset.photos.map((p) => p.classIndex),
    validationShare,
  );
  return { train: split.train.map((i) => dataset.photos[i]), val: split.val.map((i) => dataset.photos[i]) };
}

/**
 * The features a training of the deck with these settings needs: the plain view of every photo,
 * and with augmentation every augmented view of its training photos. Training computes what is
 * missing of these; the background preparation computes the same ahead of it.
 */
export function trainingFeatureNeeds(dataset: DeckDataset, settings: Pick<TrainingSettings, 'augmentation' | 'validationShare'>): FeatureNeed[] {
  const plain: FeatureNeed = { photos: dataset.photos, variants: ['orig'] };
  if (!settings.augmentation) return [plain];
  return [plain, { photos: trainingSplit(dataset, settings.validationShare).train, variants: AUGMENT_VARIANTS }];
}
