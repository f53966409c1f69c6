import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentBackend, trySetBackend } from '../backend';
import { BUILTIN_BASE_MODELS } from '../base-models/base-model-catalog';
import { FeatureExtractor } from './feature-extractor';
import { FeaturePool } from './feature-pool';
import { InProcessFeatures } from './in-process-features';
import type { FeatureItemResult } from './feature-pool-protocol';
import { preparePixels } from './preprocess';
import { FRUIT_CLASSES, SHARED, fruitFrames } from '../../../test-support/fruit-deck';

const ENTRY = BUILTIN_BASE_MODELS[0];
const MODEL_DIR = path.join(SHARED, 'models', ENTRY.id);
// One photo of each of three fruits, and a mirrored view of one.
const PHOTOS = FRUIT_CLASSES.slice(0, 3).map((c) => fruitFrames(c)[10]);

async function featuresOn(backend: 'cpu' | 'wasm', pixels: Uint8Array[]): Promise<Float32Array[]> {
  expect(await trySetBackend(backend)).toBe(true);
  const extractor = await FeatureExtractor.load(MODEL_DIR, ENTRY);
  expect(currentBackend()).toBe(backend);
  try {
    return extractor.extract(pixels);
  } finally {
    extractor.dispose();
  }
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

describe('features', () => {
  afterAll(async () => {
    await trySetBackend('wasm');
  });

  it('agree within 1e-3 between the wasm and cpu backends on real photos', async () => {
    const pixels: Uint8Array[] = [];
    for (const p of PHOTOS) pixels.push(...(await preparePixels(fs.readFileSync(p), 224, ['orig', 'flip'])).values());
    const wasm = await featuresOn('wasm', pixels);
    const cpu = await featuresOn('cpu', pixels);
    expect(wasm).toHaveLength(6);
    for (let i = 0; i < wasm.length; i++) {
      expect(wasm[i]).toHaveLength(256);
      expect(maxDiff(wasm[i], cpu[i])).toBeLessThan(1e-3);
    }
    // The features say something: different fruits differ more than a photo and its mirror image.
    expect(maxDiff(wasm[0], wasm[2])).toBeGreaterThan(maxDiff(wasm[0], wasm[1]) / 4);
  });

  it('come out of the worker pool the same as on this thread, and a bad file fails alone', async () => {
    await trySetBackend('wasm');
    const pool = await FeaturePool.start(MODEL_DIR, ENTRY, 2);
    try {
      expect(pool.backend).toBe('wasm');
      const results = new Map<string, FeatureItemResult>();
      const broken = path.join(SHARED, 'fixtures/images/misc');
      const bad = fs.readdirSync(broken).find((f) => /truncat/i.test(f));
      expect(bad).toBeDefined();
      const items = [...PHOTOS, path.join(broken, bad as string), path.join(SHARED, 'README.md')].map((file) => ({
        key: file,
        variants: ['orig' as const, 'crop-br' as const],
        read: () => fs.promises.readFile(file),
      }));
      await pool.run(items, { onResult: (r) => results.set(r.key, r) });
      expect(results.size).toBe(5);
      const local = await featuresOn('wasm', [(await preparePixels(fs.readFileSync(PHOTOS[0]), 224, ['orig'])).get('orig') as Uint8Array]);
      expect(maxDiff(results.get(PHOTOS[0])?.features?.orig as Float32Array, local[0])).toBeLessThan(1e-5);
      expect(results.get(PHOTOS[1])?.features?.['crop-br']).toHaveLength(256);
      // Decoding inside the workers instead gives the same numbers.
      const inWorker: FeatureItemResult[] = [];
      await pool.run([items[0]], { decodeIn: 'worker', onResult: (r) => inWorker.push(r) });
      expect(maxDiff(inWorker[0].features?.orig as Float32Array, local[0])).toBeLessThan(1e-5);
      expect(results.get(path.join(SHARED, 'README.md'))?.error?.code).toBe('IMAGE_UNSUPPORTED');

      // The fallback for builds where worker threads cannot start gives the same numbers.
      const here = await InProcessFeatures.start({ dir: MODEL_DIR, entry: ENTRY });
      const fallback = new Map<string, FeatureItemResult>();
      await here.run(items, { onResult: (r) => fallback.set(r.key, r) });
      await here.close();
      expect(
        maxDiff(fallback.get(PHOTOS[1])?.features?.['crop-br'] as Float32Array, results.get(PHOTOS[1])?.features?.['crop-br'] as Float32Array),
      ).toBeLessThan(1e-5);
      expect(fallback.get(path.join(SHARED, 'README.md'))?.error?.code).toBe('IMAGE_UNSUPPORTED');
      // A cut-short JPEG is refused, as import refuses it: half a picture is never trained on.
      const cut = results.get(path.join(broken, bad as string));
      expect(cut?.error?.code).toBe('IMAGE_CORRUPT');
      expect(cut?.features).toBeUndefined();
      expect(fallback.get(path.join(broken, bad as string))?.error?.code).toBe('IMAGE_CORRUPT');

      // Cancelling hands out no more work.
      const controller = new AbortController();
      let answered = 0;
      const many = Array.from({ length: 40 }, (_, i) => ({ ...items[i % 3], key: `k${i}` }));
      const run = pool.run(many, {
        signal: controller.signal,
        onResult: () => {
          answered++;
          controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
      expect(answered).toBeLessThan(40);
    } finally {
      await pool.close();
    }
  });
});
