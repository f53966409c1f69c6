import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend';
import { buildStackedInferenceModel } from '../ml/versions/inference-model';
import { disposeWithBase } from './dispose-models';
import { FEATURE_LAYER, fixedHead, fruitPixels, inputOf, loadSharedBase, NORMALIZATION, singleDeckModel } from '../../test-support/export-fixtures';
import { buildTflite } from './tflite/build-tflite';
import { readTflite } from './tflite/tflite-reader';
import { loadTfliteModel } from './tflite/tflite-runtime';

const FRUITS = ['apple', 'beetroot', 'dates', 'mango', 'orange', 'pomegranate'];
const COLOURS = ['red', 'purple', 'brown'];

describe('stacked export: several decks on one backbone', () => {
  let base: tf.LayersModel;
  const fruitsHead = fixedHead(FRUITS, 11);
  const coloursHead = fixedHead(COLOURS, 12, 8);

  beforeAll(async () => {
    await initBackend();
    base = await loadSharedBase();
  });
  afterAll(() => disposeWithBase(null, base));

  it("gives one output per deck, each matching that deck's own model", async () => {
    const stacked = buildStackedInferenceModel(base, FEATURE_LAYER, [
      { spec: fruitsHead, outputName: 'fruits' },
      { spec: coloursHead, outputName: 'colours' },
    ]);
    const words = (keys: string[]) => keys.map((key) => ({ key, words: { en: key, fr: `${key}-fr` } }));
    const bytes = buildTflite({
      model: stacked,
      decks: [
        { name: 'Fruits', classes: words(FRUITS) },
        { name: 'Colours', classes: words(COLOURS) },
      ],
      languages: ['en', 'fr'],
      inputSize: 224,
      normalization: NORMALIZATION,
      name: 'Fruits + Colours',
      description: 'two decks',
      version: 'v1',
      author: 'test',
    });
    const summary = readTflite(bytes);
    expect(summary.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['Fruits', [1, 6]],
      ['Colours', [1, 3]],
    ]);
    const files = summary.metadata?.outputs.map((o) => [o.name, o.labelFiles.map((f) => f.name)]);
    expect(files).toEqual([
      ['Fruits', ['fruits_labels.txt', 'fruits_labels_en.txt', 'fruits_labels_fr.txt']],
      ['Colours', ['colours_labels.txt', 'colours_labels_en.txt', 'colours_labels_fr.txt']],
    ]);
    expect(summary.metadata?.outputs[1].labelFiles[2].labels).toEqual(COLOURS.map((k) => `${k}-fr`));

    const tflite = await loadTfliteModel(bytes);
    const ownModels = [singleDeckModel(base, fruitsHead), singleDeckModel(base, coloursHead)];
    for (const p of await fruitPixels(1, 5)) {
      const x = inputOf(p.pixels);
      const own = ownModels.map((m) => (m.predict(x) as tf.Tensor).dataSync());
      const fromTfjs = (stacked.predict(x) as tf.Tensor[]).map((t) => t.dataSync());
      const fromTflite = tflite.predict(x) as tf.NamedTensorMap;
      const tfliteOuts = [fromTflite.Fruits.dataSync(), fromTflite.Colours.dataSync()];
      for (let o = 0; o < 2; o++) {
        for (let k = 0; k < own[o].length; k++) {
          expect(Math.abs(fromTfjs[o][k] - own[o][k])).toBeLessThan(1e-6);
          expect(Math.abs(tfliteOuts[o][k] - own[o][k])).toBeLessThan(1e-4);
        }
      }
      x.dispose();
    }
  });
});
