import * as tf from '@tensorflow/tfjs';
import type { BaseModelManifestEntry, Normalization } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import { initBackend } from '../backend';
import { fileModelHandler } from '../base-models/file-io-handler';

/** Loads a base model (TF.js layers format) from a folder on this machine. */
export async function loadBaseModel(dir: string): Promise<tf.LayersModel> {
  await initBackend();
  try {
    return await tf.loadLayersModel(fileModelHandler(dir));
  } catch (e) {
    if (e instanceof StudioError) throw e;
    throw new StudioError(
      'MODEL_INVALID',
      `The base model in ${dir} could not be loaded: ${e instanceof Error ? e.message : String(e)}.`,
      'Use a TensorFlow.js layers model (model.json with its weight files), or download the base model again.',
    );
  }
}

/** The base network cut at its feature layer (shares weights with `base`). */
export function truncateAt(base: tf.LayersModel, featureLayer: string): tf.LayersModel {
  let layer: tf.layers.Layer;
  try {
    layer = base.getLayer(featureLayer);
  } catch {
    throw new StudioError(
      'MODEL_INVALID',
      `The base model has no layer called "${featureLayer}".`,
      `Name one of its layers, for example ${base.layers
        .slice(-4)
        .map((l) => `"${l.name}"`)
        .join(', ')}.`,
    );
  }
  return tf.model({ inputs: base.inputs, outputs: layer.output as tf.SymbolicTensor });
}

/** (x - mean) / std per channel, on a [n, h, w, 3] tensor of 0..255 values. */
export function normalize(pixels: tf.Tensor4D, n: Normalization): tf.Tensor4D {
  return tf.tidy(() => pixels.sub(tf.tensor1d(n.mean)).div(tf.tensor1d(n.std)));
}

/**
 * Computes feature vectors: the feature layer's output, globally average-pooled over its spatial
 * dimensions (so 7 x 7 x 256 becomes 256 values for MobileNet v1 0.25).
 */
export class FeatureExtractor {
  private constructor(
    private readonly truncated: tf.LayersModel,
    private readonly base: tf.LayersModel,
    readonly entry: BaseModelManifestEntry,
  ) {}

  static async load(dir: string, entry: BaseModelManifestEntry): Promise<FeatureExtractor> {
    const base = await loadBaseModel(dir);
    try {
      return new FeatureExtractor(truncateAt(base, entry.featureLayer), base, entry);
    } catch (e) {
      base.dispose();
      throw e;
    }
  }

  /** One Float32Array of `featureSize` per photo; `pixels` are inputSize^2 x 3 bytes each. */
  extract(pixels: readonly Uint8Array[]): Float32Array[] {
    const size = this.entry.inputSize;
    const per = size * size * 3;
    const batch = new Float32Array(pixels.length * per);
    pixels.forEach((p, i) => batch.set(p, i * per));
    const data = tf.tidy(() => {
      const x = normalize(tf.tensor4d(batch, [pixels.length, size, size, 3]), this.entry.normalization);
      const y = this.truncated.predict(x) as tf.Tensor;
      const pooled = y.rank === 4 ? y.mean([1, 2]) : y.reshape([pixels.length, -1]);
      return pooled.dataSync() as Float32Array;
    });
    const dim = data.length / pixels.length;
    return pixels.map((_, i) => data.slice(i * dim, (i + 1) * dim));
  }

  dispose(): void {
    // The truncated model shares the base's weights; disposing the base frees them.
    this.base.dispose();
  }
}
