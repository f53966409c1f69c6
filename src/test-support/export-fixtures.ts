/** Shared by the export tests: the base model and fruit photos from ../shared (never copied). */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { HeadSpec } from '../core/ml/training/head-spec';
import { loadBaseModel } from '../core/ml/features/feature-extractor';
import { buildInferenceModel } from '../core/ml/versions/inference-model';
import { preparePixels } from '../core/ml/features/preprocess';
import type { TfliteBuildInput } from '../core/export/tflite/build-tflite';
import type { VocabularyClass } from '../core/export/vocabulary';
import { FRUIT_CLASSES, FRUIT_WORDS, fruitFrames } from './fruits';

export const SHARED = path.resolve(process.cwd(), '..', 'shared');
export const BASE_DIR = path.join(SHARED, 'models', 'mobilenet_v1_0.25_224');
export const BASE_ID = 'mobilenet_v1_0.25_224';
export const FEATURE_LAYER = 'conv_pw_13_relu';
export const NORMALIZATION = { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] } as {
  mean: [number, number, number];
  std: [number, number, number];
};

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
  const layers =
    hidden > 0 ? [dense(featureSize, hidden, 'relu'), dense(hidden, labels.length, 'softmax')] : [dense(featureSize, labels.length, 'softmax')];
  return { baseModelId: BASE_ID, featureSize, layers, labels };
}

export function loadSharedBase(): Promise<tf.LayersModel> {
  return loadBaseModel(BASE_DIR);
}

export function singleDeckModel(base: tf.LayersModel, head: HeadSpec): tf.LayersModel {
  return buildInferenceModel(base, FEATURE_LAYER, head);
}

/** The first `perClass` photos of each fruit class, as the studio preprocesses them (224x224 RGB). */
export async function fruitPixels(perClass: number, offset = 0): Promise<{ pixels: Uint8Array; classIndex: number; file: string }[]> {
  const out: { pixels: Uint8Array; classIndex: number; file: string }[] = [];
  for (let c = 0; c < FRUIT_CLASSES.length; c++) {
    for (const file of fruitFrames(FRUIT_CLASSES[c]).slice(offset, offset + perClass)) {
      const pixels = (await preparePixels(fs.readFileSync(file), 224, ['orig'])).get('orig');
      if (pixels) out.push({ pixels, classIndex: c, file });
    }
  }
  return out;
}

/** Normalised [1, 224, 224, 3] input for one photo. */
export function inputOf(pixels: Uint8Array): tf.Tensor4D {
  return tf.tidy(() =>
    tf.tensor4d(Float32Array.from(pixels), [1, 224, 224, 3]).sub(tf.tensor1d(NORMALIZATION.mean)).div(tf.tensor1d(NORMALIZATION.std)),
  );
}

/** RGBA bytes of a photo, as a canvas would hand them to the Task Library. */
export function rgbaOf(pixels: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(224 * 224 * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) {
    data[j] = pixels[i];
    data[j + 1] = pixels[i + 1];
    data[j + 2] = pixels[i + 2];
    data[j + 3] = 255;
  }
  return { width: 224, height: 224, data };
}

/** The fruit deck's classes (keys in output order) with their words, as the exporters take them. */
export const FRUIT_VOCABULARY: VocabularyClass[] = FRUIT_CLASSES.map((c) => ({ key: c.toLowerCase(), words: FRUIT_WORDS[c] }));

/** What the .tflite builder takes for a one-deck fruit model, words in `languages`. */
export function fruitTfliteInput(model: tf.LayersModel, languages: string[]): TfliteBuildInput {
  return {
    model,
    decks: [{ name: 'Fruits', classes: FRUIT_VOCABULARY }],
    languages,
    inputSize: 224,
    normalization: NORMALIZATION,
    name: 'Fruits',
    description: 'Fruit words',
    version: 'Fruits v1',
    author: 'Magritte Studio test',
  };
}
