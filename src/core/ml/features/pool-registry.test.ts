import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_BASE_MODELS } from '../base-models/base-model-catalog';
import { FeaturePool } from './feature-pool';
import { InProcessFeatures } from './in-process-features';
import { closeFeaturePools, featureRunnerEngine, getFeaturePool, useFeatureEngine } from './pool-registry';
import { SHARED, fruitFrames } from '../../../test-support/fruit-deck';

const ENTRY = BUILTIN_BASE_MODELS[0];
const MODEL = { dir: path.join(SHARED, 'models', ENTRY.id), entry: ENTRY };
const PHOTO = fruitFrames('Apple')[0];

async function featuresOfOnePhoto(): Promise<Float32Array | undefined> {
  const runner = await getFeaturePool(MODEL);
  let features: Float32Array | undefined;
  await runner.run([{ key: 'apple', variants: ['orig'], read: () => fs.promises.readFile(PHOTO) }], {
    onResult: (r) => (features = r.features?.orig),
  });
  return features;
}

describe('the feature engine switch (benchmarks measure the engines the studio replaced)', () => {
  afterEach(async () => {
    useFeatureEngine('auto');
    await closeFeaturePools();
  });

  it('runs TF.js on the core thread, TF.js in the workers, or what the studio picks (TensorFlow Lite in the workers)', async () => {
    process.env.MAGRITTE_FEATURE_WORKERS = '1';
    try {
      useFeatureEngine('tfjs', { onThisThread: true });
      const here = await getFeaturePool(MODEL);
      expect(here).toBeInstanceOf(InProcessFeatures);
      expect(featureRunnerEngine()).toBe('tfjs');
      const onThread = await featuresOfOnePhoto();
      expect(onThread).toHaveLength(ENTRY.featureSize);
      await closeFeaturePools();

      useFeatureEngine('tfjs');
      const workers = await getFeaturePool(MODEL);
      expect(workers).toBeInstanceOf(FeaturePool);
      expect(workers.engine).toBe('tfjs');
      const inWorker = (await featuresOfOnePhoto()) as Float32Array;
      expect(Math.max(...inWorker.map((v, i) => Math.abs(v - (onThread as Float32Array)[i])))).toBeLessThan(1e-5);
      await closeFeaturePools();

      useFeatureEngine('auto');
      const picked = await getFeaturePool(MODEL);
      expect(picked).toBeInstanceOf(FeaturePool);
      expect(picked.engine).toBe('tflite');
    } finally {
      delete process.env.MAGRITTE_FEATURE_WORKERS;
    }
  }, 120_000);

  it("never puts the studio's own choice ('auto') on the core thread", async () => {
    useFeatureEngine('auto', { onThisThread: true });
    process.env.MAGRITTE_FEATURE_WORKERS = '1';
    try {
      expect(await getFeaturePool(MODEL)).toBeInstanceOf(FeaturePool);
    } finally {
      delete process.env.MAGRITTE_FEATURE_WORKERS;
    }
  }, 120_000);
});
