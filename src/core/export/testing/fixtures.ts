import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { HeadSpec } from '../../ml/head-spec';
import { loadBaseModel, truncateAt } from '../../ml/feature-extractor';

/** Test data shared by the export tests (read from ../shared, never copied). */
export const SHARED = path.resolve(process.cwd(), '..', 'shared');
export const BASE_DIR = path.join(SHARED, 'models', 'mobilenet_v1_0.25_224');
export const FRUITS_DIR = path.join(SHARED, 'data', 'fruits');
export const BASE_ID = 'mobilenet_v1_0.25_224';

/** A deterministic head (no training needed): small pseudo-random weights from a seed. */
export function fixedHead(labels: string[], seed = 1, hidden = 0, featureSize = 256): HeadSpec {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.4;
  };
  const dense = (inputSize: number, units: number, activation: 'relu' | 'softmax') => ({
    inputSize,
    units,
    activation,
    kernel: Array.from({ length: inputSize * units }, rand),
    bias: Array.from({ length: units }, rand),
  });
  const layers = hidden > 0
    ? [dense(featureSize, hidden, 'relu'), dense(hidden, labels.length, 'softmax')]
    : [dense(featureSize, labels.length, 'softmax')];
  return { baseModelId: BASE_ID, featureSize, layers, labels };
}

export async function loadSharedBase(): Promise<tf.LayersModel> {
  return loadBaseModel(BASE_DIR);
}

// TEMPORARY until src/core/ml exposes its inference-model builder.
export function tmpInferenceModel(base: tf.LayersModel, heads: HeadSpec[]): tf.LayersModel {
  const trunk = truncateAt(base, 'conv_pw_13_relu');
  const pooled = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(trunk.outputs[0]) as tf.SymbolicTensor;
  const outputs = heads.map((h, hi) => {
    let x = pooled;
    h.layers.forEach((l, li) => {
      const d = tf.layers.dense({ units: l.units, activation: l.activation, name: `head${hi}_dense${li}` });
      x = d.apply(x) as tf.SymbolicTensor;
      d.setWeights([tf.tensor2d(l.kernel, [l.inputSize, l.units]), tf.tensor1d(l.bias)]);
    });
    return x;
  });
  return tf.model({ inputs: trunk.inputs, outputs });
}
