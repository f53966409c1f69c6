/**
 * Training figures:
 * - head-train: ms to train the default head on the 240 fruit photos' cached features, 50 epochs;
 * (first-train has its own bench: first-train.bench.ts)
 * - heldout-accuracy-*: the default settings against Teachable Machine's recipe (100-unit hidden
 *   layer, Adam 0.001, batch 16, 50 epochs) on photos they never saw: the first 25 frames of each
 *   fruit to train, the last 15 to test; also with few photos (5 per class) and unbalanced classes
 *   (25 frames for half the fruits, 3 for the others). Mean over 5 seeds; log loss alongside.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrainingSettings } from '../src/shared/api/training';
import { initBackend } from '../src/core/ml/backend';
import { BUILTIN_BASE_MODELS } from '../src/core/ml/base-models/base-model-catalog';
import { FeaturePool } from '../src/core/ml/features/feature-pool';
import { trainHead } from '../src/core/ml/training/head-trainer';
import { argmaxRow } from '../src/core/ml/training/metrics';
import { DEFAULT_SETTINGS, TEACHABLE_MACHINE_SETTINGS } from '../src/core/ml/training/training-settings';
import { emit, fruitPhotos, MODELS } from './ml-fixtures';

const ENTRY = BUILTIN_BASE_MODELS[0];
const { labels, photos } = fruitPhotos();

// Features of every photo (plain view) for the head benchmarks.
const pool = await FeaturePool.start(path.join(MODELS, ENTRY.id), ENTRY, os.availableParallelism());
const feats = new Map<string, Float32Array>();
await pool.run(
  photos.map((p) => ({ key: p.file, variants: ['orig' as const], read: () => fs.promises.readFile(p.file) })),
  { onResult: (r) => r.features?.orig && feats.set(r.key, r.features.orig) },
);
await pool.close();
const backend = await initBackend();

async function fit(settings: TrainingSettings, train: typeof photos, test: typeof photos) {
  const t0 = performance.now();
  const out = await trainHead({
    featureSize: ENTRY.featureSize,
    numClasses: labels.length,
    train: { x: train.map((p) => feats.get(p.file) as Float32Array), y: train.map((p) => p.cls) },
    val: { x: test.map((p) => feats.get(p.file) as Float32Array), y: test.map((p) => p.cls) },
    settings: { ...settings, validationShare: 0 },
  });
  const ms = performance.now() - t0;
  let right = 0;
  let logLoss = 0;
  test.forEach((p, i) => {
    if (argmaxRow(out.valProbs, i, labels.length) === p.cls) right++;
    logLoss -= Math.log(Math.max(1e-7, out.valProbs[i * labels.length + p.cls]));
  });
  return { ms, accuracy: right / Math.max(1, test.length), logLoss: logLoss / Math.max(1, test.length) };
}

// head-train: 240 photos x 50 epochs, median of 3 runs (after a warm-up).
for (const [name, settings] of [
  ['head-train', DEFAULT_SETTINGS],
  ['head-train-tm-recipe', TEACHABLE_MACHINE_SETTINGS],
] as const) {
  await fit({ ...settings, epochs: 2 }, photos, []);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await fit({ ...settings, epochs: 50 }, photos, [])).ms);
  times.sort((a, b) => a - b);
  emit(name, times[1], 'ms', { photos: 240, epochs: 50, batchSize: settings.batchSize, hiddenUnits: settings.hiddenUnits, backend: backend.name });
}

const scenarios: [string, (p: (typeof photos)[number]) => boolean][] = [
  ['', (p) => p.frame < 25],
  ['-5-per-class', (p) => p.frame < 5],
  ['-unbalanced', (p) => p.frame < (p.cls % 2 === 0 ? 25 : 3)],
];
const test = photos.filter((p) => p.frame >= 25);
for (const [suffix, inTrain] of scenarios) {
  const train = photos.filter(inTrain);
  for (const [who, settings] of [
    ['default', DEFAULT_SETTINGS],
    ['tm', TEACHABLE_MACHINE_SETTINGS],
  ] as const) {
    const runs: Awaited<ReturnType<typeof fit>>[] = [];
    for (const seed of [1, 2, 3, 4, 5]) runs.push(await fit({ ...settings, seed }, train, test));
    const mean = (f: (r: Awaited<ReturnType<typeof fit>>) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    emit(`heldout-accuracy${suffix}-${who}`, mean((r) => r.accuracy) * 100, '%', {
      logLoss: Number(mean((r) => r.logLoss).toFixed(4)),
      trainPhotos: train.length,
      testPhotos: test.length,
      seeds: 5,
    });
  }
}
