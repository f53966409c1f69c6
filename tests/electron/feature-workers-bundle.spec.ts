import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The packaged app's feature pool: the built core (out/main/core-process.js, not the sources) must
 * start its worker threads from the built worker entry (out/main/feature-worker.js) and run the base
 * network there with TensorFlow Lite, rather than fall back to computing on the core's own thread.
 */
const root = path.resolve(import.meta.dirname, '..', '..');

test('the built core starts its feature workers and computes features with TensorFlow Lite', () => {
  expect(fs.existsSync(path.join(root, 'out', 'main', 'feature-worker.js'))).toBe(true);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-workers-bundle-'));
  const apples = path.resolve(root, '../shared/data/fruits/Apple');
  const photos = fs
    .readdirSync(apples)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .slice(0, 3)
    .map((f) => path.join(apples, f));
  try {
    const stdout = execFileSync(process.execPath, [path.join(import.meta.dirname, 'stub', 'drive-features.mjs'), root, ...photos], {
      cwd: tmp,
      env: {
        ...process.env,
        MAGRITTE_DATA_DIR: path.join(tmp, 'data'),
        MAGRITTE_PROJECTS_DIR: path.join(tmp, 'projects'),
        MAGRITTE_MODELS_PATH: path.resolve(root, '../shared/models'),
        MAGRITTE_FEATURE_WORKERS: '2',
      },
      encoding: 'utf8',
      timeout: 240_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out.error).toBeUndefined();
    expect(out.features).toEqual({ computed: 3, alreadyCached: 0, failed: [] });
    // Only pool workers run TensorFlow Lite: the on-thread fallback computes with TF.js.
    expect(out.ml).toMatchObject({ workers: 2, featureEngine: 'tflite' });
    expect(out.stderr).not.toMatch(/feature workers could not start/);
    // The feature network was written once into the data dir's cache.
    expect(fs.readdirSync(path.join(tmp, 'data', 'cache', 'feature-engine')).filter((f) => f.endsWith('.tflite'))).toHaveLength(1);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
