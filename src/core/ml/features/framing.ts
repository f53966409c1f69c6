import type { TrainingSettings } from '../../../shared/api/training';

/**
 * Which framings of a camera picture a model was trained on. With augmentation on, training also
 * learns from the whole frame squashed to a square (and its mirror), which is how phone pipelines
 * (ML Kit, MediaPipe, the Task Library) feed a frame when no region is given; without it, only
 * from the centre square the studio itself crops.
 */
export type TrainedFraming = 'centre-crop-and-squash' | 'centre-crop';

export function framingOf(settings: Pick<TrainingSettings, 'augmentation'>): TrainedFraming {
  return settings.augmentation ? 'centre-crop-and-squash' : 'centre-crop';
}

/** One sentence for an export's README and TFLite description: how to frame the input picture. */
export function framingSentence(framings: readonly TrainedFraming[]): string {
  return framings.every((f) => f === 'centre-crop-and-squash')
    ? 'Trained on both the centre square of the picture and the whole picture squashed to a square: feed either (apps that resize the whole camera frame work as well as ones that crop it).'
    : 'Trained on the centre square of the picture: crop the picture to its centre square before resizing it (resizing the whole frame without cropping costs accuracy).';
}
