import * as tf from '@tensorflow/tfjs';
import type { HeadSpec } from '../../../shared/api/training';
import { initBackend } from '../backend';
import { buildHeadModel } from './inference-model';

/** Class probabilities for feature vectors, row-major [n, classes], through the stored head. */
export async function predictWithHead(head: HeadSpec, vectors: readonly Float32Array[]): Promise<Float32Array> {
  if (vectors.length === 0) return new Float32Array(0);
  await initBackend();
  const model = buildHeadModel(head);
  try {
    return tf.tidy(() => {
      const flat = new Float32Array(vectors.length * head.featureSize);
      vectors.forEach((v, i) => flat.set(v, i * head.featureSize));
      const probs = model.predict(tf.tensor2d(flat, [vectors.length, head.featureSize])) as tf.Tensor;
      return probs.dataSync() as Float32Array;
    });
  } finally {
    model.dispose();
  }
}
