import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { HeadSpec } from '../../../shared/api/training';
import { BUILTIN_BASE_MODELS } from '../base-models/base-model-catalog';
import { FeatureExtractor, loadBaseModel } from '../features/feature-extractor';
import { predictWithHead } from './head-predict';
import { buildInferenceModel, buildStackedInferenceModel, normalizePixels } from './inference-model';
import { preparePixels } from '../features/preprocess';
import { seededRandom } from '../training/seeded-random';
import { SHARED, fruitFrames } from '../../../test-support/fruit-deck';

const ENTRY = BUILTIN_BASE_MODELS[0];
const DIR = path.join(SHARED, 'models', ENTRY.id);

function randomHead(labels: string[], hidden: number, seed: number): HeadSpec {
  const r = seededRandom(seed);
  const sizes = hidden > 0 ? [256, hidden, labels.length] : [256, labels.length];
  return {
    baseModelId: ENTRY.id,
    featureSize: 256,
    labels,
    layers: sizes.slice(1).map((units, i) => ({
      inputSize: sizes[i],
      units,
      activation: i === sizes.length - 2 ? 'softmax' : 'relu',
      kernel: Array.from({ length: sizes[i] * units }, () => (r() - 0.5) * 0.3),
      bias: Array.from({ length: units }, () => (r() - 0.5) * 0.1),
    })),
  };
}

describe('the inference model (base up to the feature layer + pooling + head)', () => {
  it('gives the probabilities the core computes from cached features, also stacked', async () => {
    const photos = [fruitFrames('Apple')[3], fruitFrames('Orange')[30]];
    const pixels: Uint8Array[] = [];
    for (const p of photos) pixels.push((await preparePixels(fs.readFileSync(p), 224, ['orig'])).get('orig') as Uint8Array);
    const fruits = randomHead(['a', 'b', 'c', 'd', 'e', 'f'], 100, 1);
    const colours = randomHead(['red', 'green'], 0, 2);

    const extractor = await FeatureExtractor.load(DIR, ENTRY);
    const core = await predictWithHead(fruits, extractor.extract(pixels));
    extractor.dispose();

    const before = tf.memory().numTensors;
    const base = await loadBaseModel(DIR);
    const model = buildInferenceModel(base, ENTRY.featureLayer, fruits);
    const stacked = buildStackedInferenceModel(base, ENTRY.featureLayer, [
      { spec: fruits, outputName: 'fruits' },
      { spec: colours, outputName: 'colours' },
    ]);
    expect(model.outputs[0].shape).toEqual([null, 6]);
    expect(stacked.outputNames).toEqual(['fruits', 'colours']);
    const x = tf.tidy(() =>
      normalizePixels(tf.tensor4d(Uint8Array.from(pixels.flatMap((p) => [...p])), [2, 224, 224, 3], 'int32'), ENTRY.normalization),
    );
    const out = model.predict(x) as tf.Tensor;
    const window = out.dataSync();
    const [fromStack, coloursOut] = stacked.predict(x) as tf.Tensor[];
    for (let i = 0; i < core.length; i++) {
      expect(Math.abs(window[i] - core[i])).toBeLessThan(1e-5);
      expect(Math.abs(fromStack.dataSync()[i] - core[i])).toBeLessThan(1e-6);
    }
    expect(coloursOut.shape).toEqual([2, 2]);
    // No dropout or other training-only layers: just the cut base, pooling and dense layers.
    expect(
      model.layers
        .map((l) => l.getClassName())
        .filter((n) => !['InputLayer', 'Conv2D', 'DepthwiseConv2D', 'BatchNormalization', 'ReLU', 'Activation', 'ZeroPadding2D'].includes(n)),
    ).toEqual(['GlobalAveragePooling2D', 'Dense', 'Dense']);
    tf.dispose([x, out, fromStack, coloursOut]);
    base.dispose();
    model.layers.slice(-2).forEach((l) => l.dispose());
    stacked.layers.filter((l) => l.getClassName() === 'Dense').forEach((l) => l.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
