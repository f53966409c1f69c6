import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTfliteWasm, tfliteWasmDir } from '../../export/tflite/tflite-interpreter';
import { liveTfliteModels } from '../../export/tflite/tflite-runtime';
import { BUILTIN_BASE_MODELS } from '../base-models/base-model-catalog';
import { FeatureExtractor } from './feature-extractor';
import { FeaturePool } from './feature-pool';
import type { FeatureItemResult } from './feature-pool-protocol';
import { ensureFeatureTflite, featureEngineCacheDir } from './feature-tflite';
import { preparePixels } from './preprocess';
import { TfliteFeatures } from './tflite-features';
import { FRUIT_CLASSES, SHARED, fruitFrames, tempDir } from '../../../test-support/fruit-deck';

const ENTRY = BUILTIN_BASE_MODELS[0];
const MODEL_DIR = path.join(SHARED, 'models', ENTRY.id);
const IMAGES = path.join(SHARED, 'fixtures', 'images');

/** Every image file among the fixtures (some are broken on purpose) and one photo of each fruit. */
function fixturePhotos(): string[] {
  const images = (fs.readdirSync(IMAGES, { recursive: true }) as string[])
    .filter((f) => /\.(jpe?g|png|webp|gif|tiff?)$/i.test(f))
    .map((f) => path.join(IMAGES, f));
  return [...images, ...FRUIT_CLASSES.map((c) => fruitFrames(c)[5])];
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

describe('feature engine: TensorFlow Lite (XNNPACK) and TF.js', () => {
  let dataDir: string;
  let tflite: Uint8Array;
  const pixels: Uint8Array[] = [];

  beforeAll(async () => {
    dataDir = tempDir('magritte-engine-');
    tflite = await ensureFeatureTflite(MODEL_DIR, ENTRY, dataDir);
    for (const file of fixturePhotos()) {
      const views = await preparePixels(fs.readFileSync(file), ENTRY.inputSize, ['orig', 'flip']).catch(() => null);
      if (views) pixels.push(...views.values());
    }
  }, 120_000);

  afterAll(() => {
    expect(liveTfliteModels()).toBe(0);
  });

  it('caches the feature network in the data dir, once per base model and writer version', async () => {
    const cached = fs.readdirSync(featureEngineCacheDir(dataDir));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(new RegExp(`^${ENTRY.id.replace(/\./g, '\\.')}-w\\d+-[0-9a-f]{16}\\.tflite$`));
    const file = path.join(featureEngineCacheDir(dataDir), cached[0]);
    const before = fs.statSync(file).mtimeMs;
    const again = await ensureFeatureTflite(MODEL_DIR, ENTRY, dataDir);
    expect(Buffer.from(again).equals(Buffer.from(tflite))).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(before);
    expect(fs.readdirSync(featureEngineCacheDir(dataDir))).toEqual(cached);
  });

  it('gives the same features as TF.js within 1e-3 on every fixture photo', async () => {
    // The 30 decodable fixture images (the others are broken on purpose) and 7 fruits, as is and mirrored.
    expect(pixels.length).toBeGreaterThanOrEqual(2 * 37);
    const tfjs = await FeatureExtractor.load(MODEL_DIR, ENTRY);
    const lite = await TfliteFeatures.load(tflite, ENTRY.inputSize, ENTRY.normalization);
    try {
      let worst = 0;
      for (let i = 0; i < pixels.length; i += 8) {
        const batch = pixels.slice(i, i + 8);
        const a = tfjs.extract(batch);
        const b = lite.extract(batch);
        a.forEach((v, j) => {
          expect(b[j]).toHaveLength(ENTRY.featureSize);
          worst = Math.max(worst, maxDiff(v, b[j]));
        });
      }
      console.info(`[engine] max |tflite - tfjs| over ${pixels.length} views: ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-3);
    } finally {
      tfjs.dispose();
      lite.dispose();
    }
  }, 300_000);

  it('runs TensorFlow Lite in every pool worker and frees each interpreter when the pool closes', async () => {
    const pool = await FeaturePool.start(MODEL_DIR, ENTRY, 2, { bytes: tflite });
    const results: FeatureItemResult[] = [];
    try {
      expect(pool.engine).toBe('tflite');
      expect(pool.fallbackReason).toBeNull();
      const photos = FRUIT_CLASSES.map((c) => fruitFrames(c)[5]);
      await pool.run(
        photos.map((f) => ({ key: f, variants: ['orig' as const], read: async () => fs.readFileSync(f) })),
        { onResult: (r) => results.push(r) },
      );
      expect(results).toHaveLength(photos.length);
      const lite = await TfliteFeatures.load(tflite, ENTRY.inputSize, ENTRY.normalization);
      try {
        for (const r of results) {
          const px = (await preparePixels(fs.readFileSync(r.key), ENTRY.inputSize, ['orig'])).get('orig')!;
          expect(maxDiff(r.features!.orig!, lite.extract([px])[0])).toBeLessThan(1e-6);
        }
      } finally {
        lite.dispose();
      }
    } finally {
      await pool.close();
    }
    // Each worker answered the close after freeing its network: no interpreter left loaded.
    expect(pool.closeReport).toEqual([0, 0]);
  }, 120_000);

  it('starts workers on the runtime the pool compiled once: they never read or compile the .wasm themselves', async () => {
    // A copy of the runtime's files, compiled here; then its .wasm files are gone (the loaders stay).
    const runtimeDir = tempDir('magritte-tflite-copy-');
    for (const f of fs.readdirSync(tfliteWasmDir())) fs.copyFileSync(path.join(tfliteWasmDir(), f), path.join(runtimeDir, f));
    const wasm = await compileTfliteWasm(runtimeDir);
    for (const f of fs.readdirSync(runtimeDir)) if (f.endsWith('.wasm')) fs.rmSync(path.join(runtimeDir, f));
    const pool = await FeaturePool.start(MODEL_DIR, ENTRY, 2, { bytes: tflite, runtimeDir, wasm });
    try {
      expect(pool.fallbackReason).toBeNull();
      expect(pool.engine).toBe('tflite');
      expect(pool.startup.engineMs).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
    expect(pool.closeReport).toEqual([0, 0]);
  }, 120_000);

  it('falls back to TF.js, by name, when the TensorFlow Lite runtime does not load', async () => {
    // A runtime folder without the runtime's files: loading it fails in every worker.
    const noRuntime = tempDir('magritte-no-tflite-');
    const pool = await FeaturePool.start(MODEL_DIR, ENTRY, 2, { bytes: tflite, runtimeDir: noRuntime });
    const results: FeatureItemResult[] = [];
    try {
      expect(pool.engine).toBe('tfjs');
      expect(pool.fallbackReason).toMatch(/\S/);
      const photo = fruitFrames(FRUIT_CLASSES[0])[5];
      await pool.run([{ key: 'p', variants: ['orig'], read: async () => fs.readFileSync(photo) }], { onResult: (r) => results.push(r) });
      expect(results[0].error).toBeUndefined();
      expect(results[0].features?.orig).toHaveLength(ENTRY.featureSize);
    } finally {
      await pool.close();
    }
    expect(pool.closeReport).toEqual([0, 0]);
  }, 120_000);
});
