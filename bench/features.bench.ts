/**
 * Feature extraction speed, from photo file to 256 features (decode + crop/resize + MobileNet v1
 * 0.25 + pooling), in photos per second:
 * - features-cpu / features-wasm: TF.js on this thread (one thread);
 * - features-tflite: TensorFlow Lite (XNNPACK, single-threaded build) on this thread;
 * - features-pool: the whole job as the studio runs it (decode to features stored in SQLite), in the
 *   worker pool, with the engine it picks, and its ratio to features-wasm;
 * - features-gflops: the pool's achieved GFLOP/s against this machine's peak;
 * - features-pool-startup: ms from asking for the pool to its workers being ready (the feature
 *   network's .tflite written into a fresh data dir included), and where that went.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import os from 'node:os';
import path from 'node:path';
import type { FeaturesResult } from '../src/shared/api/training';
import { createStudioCore } from '../src/core/index';
import { waitForJob } from '../src/test-support/test-core';
import { trySetBackend } from '../src/core/ml/backend';
import { BUILTIN_BASE_MODELS } from '../src/core/ml/base-models/base-model-catalog';
import { FeatureExtractor } from '../src/core/ml/features/feature-extractor';
import { buildFeatureTflite } from '../src/core/ml/features/feature-tflite';
import { FeaturePool } from '../src/core/ml/features/feature-pool';
import { closeFeaturePools, getFeaturePool } from '../src/core/ml/features/pool-registry';
import { EmbeddingStore } from '../src/core/ml/features/embedding-store';
import { PREPROCESSING_VERSION, preparePixels, VARIANTS } from '../src/core/ml/features/preprocess';
import { decodeImage, type DecodedImage } from '../src/core/media/decode-image';
import { openDatabase } from '../src/core/store/open-database';
import { TfliteFeatures } from '../src/core/ml/features/tflite-features';
import { cpuPeakGflops, featureGflopPerPhoto } from './flops';
import { emit, FRUITS, settleDoctor, fruitPhotos, MODELS } from './ml-fixtures';

const ENTRY = BUILTIN_BASE_MODELS[0];
const DIR = path.join(MODELS, ENTRY.id);
const BATCH = 8;
const { photos } = fruitPhotos();
const bytes = photos.map((p) => fs.readFileSync(p.file));
const decode = async (b: Buffer) => (await preparePixels(b, ENTRY.inputSize, ['orig'])).get('orig') as Uint8Array;

type Extract = (px: Uint8Array[]) => Float32Array[];

/** CPU time this process (all its threads) used since `since`, in ms per photo: less coloured by other programs than wall time. */
function cpuMsPer(since: NodeJS.CpuUsage, photoCount: number): number {
  const used = process.cpuUsage(since);
  return Number(((used.user + used.system) / 1000 / photoCount).toFixed(2));
}

type Part = 'readMs' | 'decodeMs' | 'fileDecodeMs' | 'resizeMs' | 'decodeSetupMs' | 'trainingViewsMs' | 'networkMs' | 'sqliteMs';

/** Mean ms per photo of `step` over all photos, one after the other on this thread. */
async function perPhoto<T>(inputs: readonly T[], step: (input: T) => unknown): Promise<number> {
  const t = performance.now();
  for (const input of inputs) await step(input);
  return (performance.now() - t) / inputs.length;
}

/**
 * Where one photo's time goes on one thread, each step timed alone over all photos: reading the file,
 * decoding + cropping + resizing (sharp; split into decoding the file at full size, resizing those
 * pixels to the network's view, and the rest: reading the header, setting up libvips), the network,
 * saving the vector (SQLite, 32 per transaction). trainingViewsMs: the views a training photo gets
 * with augmentation (square, squashed, crops), which share one decode for camera-sized photos.
 */
async function whereTimeGoes(extract: Extract): Promise<{ total: number; parts: Record<Part, number> }> {
  const n = photos.length;
  const readMs = await perPhoto(photos, (p) => fs.promises.readFile(p.file));
  const pixels: Uint8Array[] = [];
  const decodeMs = await perPhoto(bytes, async (b) => pixels.push(await decode(b)));
  // The file decoded at full size, but only its last pixel handed over (libjpeg decodes every row before it).
  const sizes = await Promise.all(bytes.map((b) => sharp(b).metadata()));
  const fileDecodeMs = await perPhoto([...bytes.keys()], (i) => {
    const { width = 1, height = 1 } = sizes[i];
    return sharp(bytes[i], { failOn: 'warning' })
      .extract({ left: width - 1, top: height - 1, width: 1, height: 1 })
      .raw()
      .toBuffer();
  });
  const full: DecodedImage[] = [];
  for (const b of bytes) full.push(await decodeImage(b));
  const view = { fit: 'cover', size: ENTRY.inputSize } as const;
  const resizeMs = await perPhoto(full, (f) => decodeImage(f.data, { raw: { width: f.width, height: f.height, channels: 3 }, resize: view }));
  full.length = 0;
  const trainingViewsMs = await perPhoto(bytes, (b) => preparePixels(b, ENTRY.inputSize, VARIANTS));
  const vectors: Float32Array[] = [];
  const networkMs = await perPhoto(pixels, (px) => vectors.push(...extract([px])));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-db-'));
  const db = openDatabase(path.join(tmp, 'project.db'), { create: true });
  const store = new EmbeddingStore(db, { baseModelId: ENTRY.id, preprocessing: PREPROCESSING_VERSION });
  const t = performance.now();
  for (let i = 0; i < n; i += 32)
    store.putMany(vectors.slice(i, i + 32).map((vector, j) => ({ sha256: `p${i + j}`, variant: 'orig' as const, vector })));
  const sqliteMs = (performance.now() - t) / n;
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  const round = (v: number) => Number(v.toFixed(2));
  return {
    total: readMs + decodeMs + networkMs + sqliteMs,
    parts: {
      readMs: round(readMs),
      decodeMs: round(decodeMs),
      fileDecodeMs: round(fileDecodeMs),
      resizeMs: round(resizeMs),
      decodeSetupMs: round(Math.max(0, decodeMs - fileDecodeMs - resizeMs)),
      trainingViewsMs: round(trainingViewsMs),
      networkMs: round(networkMs),
      sqliteMs: round(sqliteMs),
    },
  };
}

/** Photos/s on this thread: decode and infer in batches of 8, after one warm-up batch. */
async function onThread(extract: Extract, count: number): Promise<{ rate: number; inferMsPerPhoto: number; cpuMsPerPhoto: number }> {
  extract(await Promise.all(bytes.slice(0, BATCH).map(decode)));
  let inferMs = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const px = [];
    for (const b of bytes.slice(i, Math.min(count, i + BATCH))) px.push(await decode(b));
    const t = performance.now();
    extract(px);
    inferMs += performance.now() - t;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rate: count / seconds, inferMsPerPhoto: Number((inferMs / count).toFixed(1)), cpuMsPerPhoto: cpuMsPer(cpu, count) };
}

async function tfjsOnThread(backend: 'cpu' | 'wasm', count: number) {
  if (!(await trySetBackend(backend))) return null;
  const extractor = await FeatureExtractor.load(DIR, ENTRY);
  try {
    return await onThread((px) => extractor.extract(px), count);
  } finally {
    extractor.dispose();
  }
}

const cpu = await tfjsOnThread('cpu', 24);
if (!cpu) throw new Error('the cpu backend must always work');
emit('features-cpu', cpu.rate, 'photos/s', { inferMsPerPhoto: cpu.inferMsPerPhoto, photos: 24 });
const wasm = await tfjsOnThread('wasm', photos.length);
if (!wasm) throw new Error('the wasm backend must work');
emit('features-wasm', wasm.rate, 'photos/s', {
  engine: 'TF.js wasm, 1 thread',
  inferMsPerPhoto: wasm.inferMsPerPhoto,
  cpuMsPerPhoto: wasm.cpuMsPerPhoto,
  photos: photos.length,
});

const tflite = await TfliteFeatures.load(await buildFeatureTflite(DIR, ENTRY), ENTRY.inputSize, ENTRY.normalization);
const lite = await onThread((px) => tflite.extract(px), photos.length);
const breakdown = await whereTimeGoes((px) => tflite.extract(px));
tflite.dispose();
emit('features-tflite', lite.rate, 'photos/s', {
  engine: 'TensorFlow Lite XNNPACK, 1 thread',
  inferMsPerPhoto: lite.inferMsPerPhoto,
  cpuMsPerPhoto: lite.cpuMsPerPhoto,
  ratioToWasm: Number((lite.rate / wasm.rate).toFixed(2)),
  photos: photos.length,
});

const cores = os.availableParallelism();
const { decodeMs, networkMs } = breakdown.parts;
emit('features-breakdown', breakdown.total, 'ms/photo', {
  ...breakdown.parts,
  // Each core can do at most one photo per (decode + network) time: the pool's ceiling on this
  // machine, and so the highest features-pool / features-wasm ratio it allows (no overhead at all).
  poolCeilingPhotosPerS: Number(((cores * 1000) / (decodeMs + networkMs)).toFixed(1)),
  ceilingRatioToWasm: Number(((cores * (decodeMs + wasm.inferMsPerPhoto)) / (decodeMs + networkMs)).toFixed(2)),
});

// The whole job as a teacher starts it: a project with the 240 photos imported, then "compute
// features" (read blobs, decode, network, SQLite). The pool is started (and warmed) first, as the
// studio keeps it alive between jobs; its start-up is reported separately.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-'));
const dataDir = path.join(tmp, 'data');
const core = createStudioCore({ prepareFeatures: false, dataDir, projectsDir: tmp, modelsPath: [MODELS] });
try {
  await core.api.createProject({ name: 'Bench', languages: ['en'] });
  const deck = await core.api.createDeck({ name: 'Fruits' });
  await waitForJob(core, (await core.api.startImport({ deckId: deck.id, sources: [{ path: FRUITS }] })).jobId);
  await settleDoctor(core, deck.id);
  const t0 = performance.now();
  const pool = await getFeaturePool({ entry: ENTRY, dir: DIR, dataDir });
  const startupMs = performance.now() - t0;
  emit('features-pool-startup', startupMs, 'ms', {
    engine: pool.engine,
    workers: pool.size,
    // prepareMs: compiling TensorFlow Lite once for all workers (and, from sources, bundling the
    // worker's code); threadMs: a worker thread starting; engineMs: loading the network, warm-up.
    ...(pool instanceof FeaturePool ? pool.startup : {}),
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
  });
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const result = await waitForJob<FeaturesResult>(core, (await core.api.startFeatureExtraction({ deckId: deck.id })).jobId);
  const seconds = (performance.now() - t1) / 1000;
  if (result.computed !== photos.length) throw new Error(`computed ${result.computed} of ${photos.length} photos`);
  const rate = result.computed / seconds;
  const poolCpuMs = cpuMsPer(cpu, result.computed);
  emit('features-pool', rate, 'photos/s', {
    engine: pool.engine,
    workers: pool.size,
    ratioToWasm: Number((rate / wasm.rate).toFixed(2)),
    // CPU time of the whole process (main thread, libuv's threads decoding, the workers): with every
    // core busy and nothing else running, the ratio would be cores x wasm's CPU / the pool's CPU.
    cpuMsPerPhoto: poolCpuMs,
    cpuBoundRatioToWasm: Number(((cores * wasm.cpuMsPerPhoto) / poolCpuMs).toFixed(2)),
    startupMs: Math.round(startupMs),
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    photos: result.computed,
  });
  const gflop = await featureGflopPerPhoto(DIR, ENTRY);
  const peak = cpuPeakGflops();
  emit('features-gflops', rate * gflop, 'GFLOP/s', {
    gflopPerPhoto: Number(gflop.toFixed(4)),
    machinePeak: peak.gflops,
    shareOfPeak: Number(((rate * gflop) / peak.gflops).toFixed(3)),
    wasmSimdPeak: peak.wasmSimdGflops,
    shareOfWasmSimdPeak: Number(((rate * gflop) / peak.wasmSimdGflops).toFixed(3)),
    peakBasis: peak.basis,
    tfliteOneThreadGflops: Number((lite.rate * gflop).toFixed(2)),
    // The network alone while it runs (one thread): what is left for decoding to take is the rest.
    networkOnlyGflops: Number((gflop / (networkMs / 1000)).toFixed(2)),
    networkShareOfWasmSimdCore: Number((gflop / (networkMs / 1000) / (peak.wasmSimdGflops / cores)).toFixed(3)),
  });
} finally {
  await core.close();
  await closeFeaturePools();
  fs.rmSync(tmp, { recursive: true, force: true });
}
