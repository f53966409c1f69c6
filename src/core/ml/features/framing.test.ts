import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRUIT_CLASSES, fruitFrames, SHARED } from '../../../test-support/fruits';
import { BUILTIN_BASE_MODELS } from '../base-models/base-model-catalog';
import { FeatureExtractor } from './feature-extractor';
import { framingOf, framingSentence } from './framing';
import { trainHead } from '../training/head-trainer';
import { argmaxRow } from '../training/metrics';
import { preparePixels, trainingVariants, type Variant } from './preprocess';
import { DEFAULT_SETTINGS } from '../training/training-settings';

const ENTRY = BUILTIN_BASE_MODELS[0];

/**
 * Phones feed a model the whole camera frame squashed to a square; the studio crops the centre
 * square. A model trained with the default settings must score the same (within 2 points) either
 * way on fruit frames it never saw.
 */
describe('framing robustness on the fruit photos', () => {
  let extractor: FeatureExtractor;
  const feats = new Map<string, Map<Variant, Float32Array>>();
  const train: { file: string; cls: number }[] = [];
  const test: { file: string; cls: number }[] = [];

  beforeAll(async () => {
    extractor = await FeatureExtractor.load(path.join(SHARED, 'models', ENTRY.id), ENTRY);
    FRUIT_CLASSES.forEach((c, cls) => {
      const frames = fruitFrames(c);
      frames.slice(0, 10).forEach((file) => train.push({ file, cls }));
      frames.slice(25).forEach((file) => test.push({ file, cls }));
    });
    const views = (file: string): readonly Variant[] =>
      train.some((t) => t.file === file) ? trainingVariants(DEFAULT_SETTINGS) : ['orig', 'squash'];
    for (const p of [...train, ...test]) {
      const want = views(p.file);
      const px = await preparePixels(fs.readFileSync(p.file), ENTRY.inputSize, want);
      const vecs = extractor.extract(want.map((v) => px.get(v) as Uint8Array));
      feats.set(p.file, new Map(want.map((v, i) => [v, vecs[i]])));
    }
  }, 600_000);
  afterAll(() => extractor?.dispose());

  it('scores within 2 points whether the picture is centre-cropped or squashed, and the export says so', async () => {
    const views = trainingVariants(DEFAULT_SETTINGS);
    const x = train.flatMap((p) => views.map((v) => feats.get(p.file)?.get(v) as Float32Array));
    const y = train.flatMap((p) => views.map(() => p.cls));
    const accuracy = async (view: Variant) => {
      const out = await trainHead({
        featureSize: ENTRY.featureSize,
        numClasses: FRUIT_CLASSES.length,
        train: { x, y },
        val: { x: test.map((p) => feats.get(p.file)?.get(view) as Float32Array), y: test.map((p) => p.cls) },
        settings: { ...DEFAULT_SETTINGS, validationShare: 0 },
      });
      return test.filter((p, i) => argmaxRow(out.valProbs, i, FRUIT_CLASSES.length) === p.cls).length / test.length;
    };
    const crop = await accuracy('orig');
    const squash = await accuracy('squash');
    expect(crop).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(crop - squash)).toBeLessThanOrEqual(0.02);
    expect(framingOf(DEFAULT_SETTINGS)).toBe('centre-crop-and-squash');
    expect(framingSentence([framingOf(DEFAULT_SETTINGS)])).toMatch(/whole picture squashed to a square: feed either/);
  }, 600_000);
});
