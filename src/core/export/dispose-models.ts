import type * as tf from '@tensorflow/tfjs';

/**
 * Frees an inference model built on a base network and the base itself. The model shares the
 * base's layers, and disposing it already frees those; TF.js then refuses to dispose them again,
 * so the base's remaining layers (the ones the model did not use) are freed one by one.
 */
export function disposeWithBase(model: tf.LayersModel | null, base: tf.LayersModel): void {
  model?.dispose();
  for (const layer of base.layers) {
    try {
      layer.dispose();
    } catch {
      // Already freed with the model.
    }
  }
}
