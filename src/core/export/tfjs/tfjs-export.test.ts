import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { fileModelHandler } from '../../ml/base-models/file-io-handler';
import { disposeWithBase } from '../dispose-models';
import { fixedHead, fruitPixels, inputOf, loadSharedBase, NORMALIZATION, singleDeckModel } from '../../../test-support/export-fixtures';
import { writeTfjsExport, type TmCompatibleMetadata } from './tfjs-export';

const KEYS = ['apple', 'beetroot', 'dates', 'mango', 'orange', 'pomegranate'];
const FR = ['pomme', 'betterave', 'dattes', 'mangue', 'orange', 'grenade'];

describe('TF.js export', () => {
  let base: tf.LayersModel;
  let model: tf.LayersModel;
  let dir: string;

  beforeAll(async () => {
    await initBackend();
    base = await loadSharedBase();
    model = singleDeckModel(base, fixedHead(KEYS, 3));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-tfjs-'));
    await writeTfjsExport(dir, {
      model,
      decks: [{ name: 'Fruits', classes: KEYS.map((key, i) => ({ key, words: { en: key, fr: FR[i] } })) }],
      languages: ['en', 'fr'],
      inputSize: 224,
      normalization: NORMALIZATION,
      modelName: 'Fruits',
      appVersion: '0.1.0',
      baseModelId: 'mobilenet_v1_0.25_224',
    });
  });

  afterAll(() => {
    disposeWithBase(model, base);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads with tf.loadLayersModel and gives the studio's predictions", async () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['labels.txt', 'metadata.json', 'model.json', 'vocabulary.json', 'weights.bin']);
    const modelJson = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    expect(modelJson.weightsManifest.flatMap((g) => g.paths)).toEqual(['weights.bin']);
    const loaded = await tf.loadLayersModel(fileModelHandler(dir));
    // Inference only: no dropout or other training layers, and one input of 224x224x3.
    expect(loaded.layers.some((l) => l.getClassName() === 'Dropout')).toBe(false);
    expect(loaded.inputs[0].shape).toEqual([null, 224, 224, 3]);
    for (const p of await fruitPixels(1, 10)) {
      const x = inputOf(p.pixels);
      const a = (model.predict(x) as tf.Tensor).dataSync();
      const b = (loaded.predict(x) as tf.Tensor).dataSync();
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-6);
      x.dispose();
    }
    loaded.dispose();
  });

  it('writes metadata.json the way Teachable Machine image models are loaded, plus labels and words', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as TmCompatibleMetadata;
    expect(meta.labels).toEqual(KEYS);
    expect(meta.packageName).toBe('@teachablemachine/image');
    expect(meta.imageSize).toBe(224);
    expect(meta.tfjsVersion).toBe(tf.version.tfjs);
    expect(typeof meta.timeStamp).toBe('string');
    expect(meta.userMetadata.normalization).toEqual(NORMALIZATION);
    expect(fs.readFileSync(path.join(dir, 'labels.txt'), 'utf8').trim().split('\n')).toEqual(KEYS);
    const vocab = JSON.parse(fs.readFileSync(path.join(dir, 'vocabulary.json'), 'utf8')) as {
      classes: { index: number; key: string; words: Record<string, string> }[];
    };
    expect(vocab.classes[1]).toEqual({ index: 1, key: 'beetroot', background: false, words: { en: 'beetroot', fr: 'betterave' } });
  });
});
