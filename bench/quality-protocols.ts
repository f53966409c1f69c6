/**
 * The quality benchmark's data and protocols, shared by bench/quality.bench.ts and by recipe
 * experiments: every view of every photo goes through the base network once (features cached in the
 * temp folder by file sha256 and preprocessing version), then each protocol trains heads on those
 * features and scores them on photos they never saw.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrainingSettings } from '../src/shared/api/training';
import { BUILTIN_BASE_MODELS } from '../src/core/ml/base-models/base-model-catalog';
import { FeatureExtractor } from '../src/core/ml/features/feature-extractor';
import { trainHead } from '../src/core/ml/training/head-trainer';
import { argmaxRow } from '../src/core/ml/training/metrics';
import { PREPROCESSING_VERSION, VARIANTS, preparePixels, trainingVariants, type Variant } from '../src/core/ml/features/preprocess';
import { MODELS, fruitPhotos } from './ml-fixtures';
import { variedPhotos } from './varied-photos';

export const ENTRY = BUILTIN_BASE_MODELS[0];

export interface Photo {
  file: string;
  cls: number;
}
export type Features = Map<string, Map<Variant, Float32Array>>;

/** Features of every view of these photos, from the temp-folder cache or the base network. */
export async function featuresOf(photos: readonly Photo[]): Promise<Features> {
  const cacheFile = path.join(os.tmpdir(), `magritte-quality-${ENTRY.id}-p${PREPROCESSING_VERSION}.json`);
  const cache: Record<string, number[]> = fs.existsSync(cacheFile)
    ? (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, number[]>)
    : {};
  let extractor: FeatureExtractor | null = null;
  const out: Features = new Map();
  let added = 0;
  for (const p of photos) {
    const bytes = fs.readFileSync(p.file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (!VARIANTS.every((v) => cache[`${sha}:${v}`])) {
      extractor ??= await FeatureExtractor.load(path.join(MODELS, ENTRY.id), ENTRY);
      const px = await preparePixels(bytes, ENTRY.inputSize, VARIANTS);
      const vecs = extractor.extract(VARIANTS.map((v) => px.get(v) as Uint8Array));
      VARIANTS.forEach((v, i) => (cache[`${sha}:${v}`] = Array.from(vecs[i])));
      added++;
    }
    out.set(p.file, new Map(VARIANTS.map((v) => [v, Float32Array.from(cache[`${sha}:${v}`])])));
  }
  extractor?.dispose();
  if (added > 0) fs.writeFileSync(cacheFile, JSON.stringify(cache));
  return out;
}

/** A way to train: which views of the training photos it learns from, and how it fits. */
export interface Recipe {
  name: string;
  views: readonly Variant[];
  /** Class probabilities of the test rows, row-major. */
  fit(train: { x: Float32Array[]; y: number[] }, test: Float32Array[], numClasses: number, seed: number): Promise<Float32Array>;
}

/** A recipe that is just training settings, trained the way the studio trains them. */
export function settingsRecipe(name: string, settings: TrainingSettings): Recipe {
  return {
    name,
    views: trainingVariants(settings),
    async fit(train, test, numClasses, seed) {
      const out = await trainHead({
        featureSize: ENTRY.featureSize,
        numClasses,
        train,
        val: { x: test, y: test.map(() => 0) },
        settings: { ...settings, seed, validationShare: 0 },
      });
      return out.valProbs;
    },
  };
}

export interface Protocol {
  name: string;
  labels: string[];
  train: Photo[];
  test: Photo[];
  /** The view the test photos are seen through: the studio's centre crop, or a phone's squash. */
  testView: Variant;
}

export interface Score {
  accuracy: number;
  logLoss: number;
}

export async function score(recipe: Recipe, p: Protocol, feats: Features, seed: number): Promise<Score> {
  const train = { x: [] as Float32Array[], y: [] as number[] };
  for (const photo of p.train) {
    for (const v of recipe.views) {
      train.x.push(feats.get(photo.file)?.get(v) as Float32Array);
      train.y.push(photo.cls);
    }
  }
  const k = p.labels.length;
  const probs = await recipe.fit(
    train,
    p.test.map((t) => feats.get(t.file)?.get(p.testView) as Float32Array),
    k,
    seed,
  );
  let right = 0;
  let logLoss = 0;
  p.test.forEach((t, i) => {
    if (argmaxRow(probs, i, k) === t.cls) right++;
    logLoss -= Math.log(Math.max(1e-7, probs[i * k + t.cls]));
  });
  return { accuracy: right / p.test.length, logLoss: logLoss / p.test.length };
}

export const SEEDS = [1, 2, 3, 4, 5];

export async function meanScore(recipe: Recipe, p: Protocol, feats: Features): Promise<Score> {
  const runs: Score[] = [];
  for (const seed of SEEDS) runs.push(await score(recipe, p, feats, seed));
  return {
    accuracy: runs.reduce((s, r) => s + r.accuracy, 0) / runs.length,
    logLoss: runs.reduce((s, r) => s + r.logLoss, 0) / runs.length,
  };
}

/**
 * The protocols: fruit video frames split by blocks (first 25 frames of each fruit to train, last
 * 15 to test: neighbouring frames never straddle the split), few-shot (5 frames per fruit), the
 * held-out frames seen squashed as a phone feeds them, and the varied photos (20 per word to train,
 * 20 to test, crop and squash), or the reason the varied set is absent.
 */
export async function loadProtocols(): Promise<{ protocols: Protocol[]; feats: Features; skipped: string[] }> {
  const fruit = fruitPhotos();
  const fTest = fruit.photos.filter((p) => p.frame >= 25);
  const protocols: Protocol[] = [
    { name: 'heldout-blocks', labels: fruit.labels, train: fruit.photos.filter((p) => p.frame < 25), test: fTest, testView: 'orig' },
    { name: 'few-shot-5', labels: fruit.labels, train: fruit.photos.filter((p) => p.frame < 5), test: fTest, testView: 'orig' },
    { name: 'framing-squash', labels: fruit.labels, train: fruit.photos.filter((p) => p.frame < 25), test: fTest, testView: 'squash' },
  ];
  const all: Photo[] = [...fruit.photos];
  const skipped: string[] = [];
  const varied = variedPhotos();
  if ('missing' in varied) {
    skipped.push(`varied: skipped, ${varied.missing}`);
  } else {
    const train = varied.photos.filter((p) => p.index < 20);
    const test = varied.photos.filter((p) => p.index >= 20);
    protocols.push(
      { name: 'varied', labels: varied.labels, train, test, testView: 'orig' },
      { name: 'varied-squash', labels: varied.labels, train, test, testView: 'squash' },
    );
    all.push(...varied.photos);
  }
  return { protocols, feats: await featuresOf(all), skipped };
}
