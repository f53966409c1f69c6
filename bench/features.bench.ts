/**
 * Feature extraction speed, from photo file to 256 features (decode + crop/resize + MobileNet v1
 * 0.25 + pooling), in photos per second: on this thread with each available backend, and with the
 * worker pool the studio uses (one worker per core), with its ratio to the cpu backend.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trySetBackend } from '../src/core/ml/backend';
import { BUILTIN_BASE_MODELS } from '../src/core/ml/base-model-catalog';
import { FeatureExtractor } from '../src/core/ml/feature-extractor';
import { FeaturePool } from '../src/core/ml/feature-pool';
import { preparePixels } from '../src/core/ml/preprocess';
import { emit, fruitPhotos, MODELS } from './ml-fixtures';

const ENTRY = BUILTIN_BASE_MODELS[0];
const DIR = path.join(MODELS, ENTRY.id);
const BATCH = 8;
const { photos } = fruitPhotos();
const bytes = photos.map((p) => fs.readFileSync(p.file));

/** Photos/s on this thread: decode and infer in batches of 8, after one warm-up batch. */
async function onThread(backend: 'cpu' | 'wasm' | 'tensorflow', count: number): Promise<{ rate: number; inferRate: number } | null> {
  if (!(await trySetBackend(backend))) return null;
  const extractor = await FeatureExtractor.load(DIR, ENTRY);
  const decode = async (b: Buffer) => (await preparePixels(b, ENTRY.inputSize, ['orig'])).get('orig') as Uint8Array;
  extractor.extract(await Promise.all(bytes.slice(0, BATCH).map(decode)));
  let inferMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const px = [];
    for (const b of bytes.slice(i, Math.min(count, i + BATCH))) px.push(await decode(b));
    const t = performance.now();
    extractor.extract(px);
    inferMs += performance.now() - t;
  }
  const seconds = (performance.now() - t0) / 1000;
  extractor.dispose();
  return { rate: count / seconds, inferRate: (count * 1000) / inferMs };
}

async function poolRate(pool: FeaturePool, decodeIn: 'worker' | 'main'): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  await pool.run(
    photos.map((p, i) => ({ key: String(i), variants: ['orig' as const], read: async () => bytes[i] })),
    { decodeIn, onResult: () => n++ },
  );
  return n / ((performance.now() - t0) / 1000);
}

const cpu = await onThread('cpu', 24);
if (!cpu) throw new Error('the cpu backend must always work');
emit('features-cpu', cpu.rate, 'photos/s', { inferOnly: Number(cpu.inferRate.toFixed(1)), photos: 24 });
const wasm = await onThread('wasm', photos.length);
if (wasm) emit('features-wasm', wasm.rate, 'photos/s', { inferOnly: Number(wasm.inferRate.toFixed(1)), ratioToCpu: Number((wasm.rate / cpu.rate).toFixed(1)), photos: photos.length });
const native = await onThread('tensorflow', photos.length);
if (native) emit('features-node', native.rate, 'photos/s', { ratioToCpu: Number((native.rate / cpu.rate).toFixed(1)) });
else process.stderr.write('tfjs-node is not installed: no features-node figure\n');

const size = os.availableParallelism();
const t0 = performance.now();
const pool = await FeaturePool.start(DIR, ENTRY, size);
const startMs = performance.now() - t0;
// Warm the workers once (the studio keeps its pool alive between jobs), then measure both ways of
// sharing the work: decoding on this process's libuv threads (the default), or in the workers.
await poolRate(pool, 'main');
const onMain = Math.max(await poolRate(pool, 'main'), await poolRate(pool, 'main'));
const inWorkers = Math.max(await poolRate(pool, 'worker'), await poolRate(pool, 'worker'));
await pool.close();
emit('features-pool', onMain, 'photos/s', {
  workers: size,
  backend: pool.backend,
  ratioToCpu: Number((onMain / cpu.rate).toFixed(1)),
  decodeInWorkers: Number(inWorkers.toFixed(1)),
  loadAverage: Number(os.loadavg()[0].toFixed(2)),
  startupMs: Math.round(startMs),
  photos: photos.length,
});
