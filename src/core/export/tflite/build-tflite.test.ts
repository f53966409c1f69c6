import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { fixedHead, fruitPixels, fruitTfliteInput, inputOf, loadSharedBase, rgbaOf, singleDeckModel } from '../../../test-support/export-fixtures';
import { disposeWithBase } from '../dispose-models';
import { FRUIT_CLASSES, FRUIT_WORDS } from '../../../test-support/fruits';
import { buildTflite, type TfliteBuildInput } from './build-tflite';
import { readAssociatedFiles, readTflite } from './tflite-reader';
import { classifyWithTaskLibrary, loadTfliteModel } from './tflite-runtime';

const KEYS = FRUIT_CLASSES.map((c) => c.toLowerCase());
const WORDS: Record<string, Record<string, string>> = Object.fromEntries(FRUIT_CLASSES.map((c) => [c.toLowerCase(), FRUIT_WORDS[c]]));

describe('TFLite export', () => {
  let base: tf.LayersModel;
  let model: tf.LayersModel;
  let photos: Awaited<ReturnType<typeof fruitPixels>>;
  let input: TfliteBuildInput;
  let bytes: Uint8Array;

  beforeAll(async () => {
    await initBackend();
    base = await loadSharedBase();
    // A hidden ReLU layer too, so both dense activations go through the converter.
    model = singleDeckModel(base, fixedHead(KEYS, 7, 16));
    photos = await fruitPixels(2, 30);
    input = fruitTfliteInput(model, ['en', 'fr', 'es']);
    bytes = buildTflite(input);
  });

  afterAll(() => {
    disposeWithBase(model, base);
  });

  it("gives the studio's predictions in TensorFlow Lite's own runtime", async () => {
    const tflite = await loadTfliteModel(bytes);
    expect(tflite.inputs[0].shape).toEqual([1, 224, 224, 3]);
    expect(tflite.outputs[0].shape).toEqual([1, 6]);
    for (const p of photos) {
      const x = inputOf(p.pixels);
      const expected = (model.predict(x) as tf.Tensor).dataSync();
      const actual = (tflite.predict(x) as tf.Tensor).dataSync();
      expect(argMax(actual)).toBe(argMax(expected));
      for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-4);
      x.dispose();
    }
  });

  it('carries the normalisation and a label file per language, in output order', () => {
    const summary = readTflite(bytes);
    expect(summary.operatorCodes.sort((a, b) => a - b)).toEqual([3, 4, 9, 25, 40]); // CONV_2D, DEPTHWISE, FC, SOFTMAX, MEAN
    const meta = summary.metadata;
    expect(meta?.normalization).toEqual({ mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] });
    expect(meta?.minParserVersion).toBe('1.0.0');
    const files = meta?.outputs[0].labelFiles ?? [];
    expect(files.map((f) => f.locale)).toEqual([null, 'en', 'fr', 'es']);
    expect(files[0].labels).toEqual(KEYS);
    expect(files.find((f) => f.locale === 'fr')?.labels).toEqual(KEYS.map((k) => WORDS[k].fr));
    expect(files.find((f) => f.locale === 'es')?.labels).toEqual(KEYS.map((k) => WORDS[k].es));
    // The files really are in the zip appended to the model, stored uncompressed.
    expect(Object.keys(readAssociatedFiles(bytes)).sort()).toEqual(['labels.txt', 'labels_en.txt', 'labels_es.txt', 'labels_fr.txt']);
  });

  it("is read by the Task Library's ImageClassifier, which names classes with the deck's words", async () => {
    const photo = photos[0];
    const x = inputOf(photo.pixels);
    const probs = (model.predict(x) as tf.Tensor).dataSync();
    x.dispose();
    const top = KEYS[argMax(probs)];
    const english = await classifyWithTaskLibrary(bytes, rgbaOf(photo.pixels), { maxResults: 6 });
    expect(english.map((c) => c.className).sort()).toEqual(KEYS.map((k) => WORDS[k].en).sort());
    expect(english[0].className).toBe(WORDS[top].en);
    expect(Math.abs(english[0].probability - Math.max(...probs))).toBeLessThan(1e-4);
    const french = await classifyWithTaskLibrary(bytes, rgbaOf(photo.pixels), { locale: 'fr' });
    expect(french[0].className).toBe(WORDS[top].fr);
  });

  it('writes int8 weights about a third of the size, still readable by the runtime', async () => {
    const int8 = buildTflite({ ...input, quantize: 'int8' });
    expect(int8.length).toBeLessThan(bytes.length * 0.4);
    expect(readTflite(int8).metadata?.outputs[0].labelFiles).toHaveLength(4);
    const tflite = await loadTfliteModel(int8);
    const x = inputOf(photos[0].pixels);
    const out = (tflite.predict(x) as tf.Tensor).dataSync();
    x.dispose();
    expect(Array.from(out).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});

function argMax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
