/**
 * Recipe experiments on frozen features (issue 12, part 1; not a bench):
 *   npx tsx bench/recipe-try.ts dev <group>    dev folds: 80 clothing photos per word outside the benchmark's set
 *   npx tsx bench/recipe-try.ts bench <group>  the benchmark's varied set (for the report only)
 * The dev folds are files 41-120 (by name) of train/<word>/ in alexeygrigorev/clothing-dataset-small
 * (CC0), unpacked into $MAGRITTE_DEV_PHOTOS (default /tmp/magritte-recipe-dev/<word>/): two folds of
 * 40 per word, 20 to train, 20 to test, 5 seeds each.
 * Features come straight from the base network's weights with TF.js, rebuilt for each input size
 * (the network is convolutional up to its pooled feature layer), and pooled several ways.
 * What it showed is in the comment at the end of this file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TrainingSettings } from '../src/shared/api/training';
import { initBackend } from '../src/core/ml/backend';
import { fileModelHandler } from '../src/core/ml/base-models/file-io-handler';
import { normalize } from '../src/core/ml/features/feature-extractor';
import { VARIANTS, preparePixels, trainingVariants, type Variant } from '../src/core/ml/features/preprocess';
import { trainHead } from '../src/core/ml/training/head-trainer';
import { argmaxRow } from '../src/core/ml/training/metrics';
import { DEFAULT_SETTINGS, TEACHABLE_MACHINE_SETTINGS } from '../src/core/ml/training/training-settings';
import { ENTRY, SEEDS } from './quality-protocols';
import { MODELS } from './ml-fixtures';
import { variedPhotos } from './varied-photos';

interface Photo {
  file: string;
  cls: number;
}
interface Fold {
  train: Photo[];
  test: Photo[];
}
const POOLS = ['avg', 'max', 'gem', 'pyr'] as const;
type Pool = (typeof POOLS)[number];
const POOL_DIM: Record<Pool, number> = { avg: 256, max: 256, gem: 256, pyr: 1024 };
const PER_VIEW = Object.values(POOL_DIM).reduce((a, b) => a + b, 0);

function devFolds(): Fold[] {
  const dir = process.env.MAGRITTE_DEV_PHOTOS ?? '/tmp/magritte-recipe-dev';
  const words = fs.readdirSync(dir).sort();
  return [0, 1].map((f) => {
    const fold: Fold = { train: [], test: [] };
    words.forEach((w, cls) => {
      const files = fs
        .readdirSync(path.join(dir, w))
        .sort()
        .slice(f * 40, f * 40 + 40);
      files.forEach((n, i) => (i < 20 ? fold.train : fold.test).push({ file: path.join(dir, w, n), cls }));
    });
    return fold;
  });
}

function benchFolds(): Fold[] {
  const v = variedPhotos();
  if ('missing' in v) throw new Error(v.missing);
  return [{ train: v.photos.filter((p) => p.index < 20), test: v.photos.filter((p) => p.index >= 20) }];
}

/** The base network with a `size` x `size` input, cut at its feature layer. */
async function trunk(size: number): Promise<tf.LayersModel> {
  await initBackend();
  const handler = fileModelHandler(path.join(MODELS, ENTRY.id));
  if (!handler.load) throw new Error('the file handler cannot load');
  const art = await handler.load();
  const topo = JSON.parse(JSON.stringify(art.modelTopology)) as {
    model_config: { config: { layers: { config: { batch_input_shape?: number[] } }[] } };
  };
  topo.model_config.config.layers[0].config.batch_input_shape = [null as unknown as number, size, size, 3];
  const base = await tf.loadLayersModel(tf.io.fromMemory({ ...art, modelTopology: topo }));
  return tf.model({ inputs: base.inputs, outputs: base.getLayer(ENTRY.featureLayer).output as tf.SymbolicTensor });
}

/** [n, h, w, c] map -> per row: avg | max | GeM(p=3) | 2x2 pyramid of averages (overlapping middle row/column when odd). */
function pool(map: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w] = map.shape;
    const avg = map.mean([1, 2]);
    const max = map.max([1, 2]);
    const gem = map
      .clipByValue(1e-6, 1e6)
      .pow(3)
      .mean([1, 2])
      .pow(1 / 3);
    const hh = Math.ceil(h / 2);
    const hw = Math.ceil(w / 2);
    const quads = [
      [0, 0],
      [0, w - hw],
      [h - hh, 0],
      [h - hh, w - hw],
    ].map(([y, x]) => map.slice([0, y, x, 0], [-1, hh, hw, -1]).mean([1, 2]));
    return tf.concat([avg, max, gem, ...quads], 1) as tf.Tensor2D;
  });
}

type Feats = Map<string, Map<Variant, Float32Array>>;

async function features(set: string, photos: Photo[], size: number): Promise<Feats> {
  const cache = path.join(os.tmpdir(), `magritte-recipe-${set}-${size}.bin`);
  const n = photos.length * VARIANTS.length * PER_VIEW;
  let all: Float32Array;
  const key = createHash('sha256')
    .update(photos.map((p) => p.file).join('\n'))
    .digest('hex')
    .slice(0, 16);
  if (fs.existsSync(cache) && fs.existsSync(`${cache}.key`) && fs.readFileSync(`${cache}.key`, 'utf8') === key) {
    const b = fs.readFileSync(cache);
    all = new Float32Array(b.buffer, b.byteOffset, n);
  } else {
    const model = await trunk(size);
    all = new Float32Array(n);
    const t0 = Date.now();
    for (const [i, p] of photos.entries()) {
      const px = await preparePixels(fs.readFileSync(p.file), size, VARIANTS);
      const batch = new Float32Array(VARIANTS.length * size * size * 3);
      VARIANTS.forEach((v, j) => batch.set(px.get(v) as Uint8Array, j * size * size * 3));
      const out = tf.tidy(() => {
        const x = normalize(tf.tensor4d(batch, [VARIANTS.length, size, size, 3]), ENTRY.normalization);
        return pool(model.predict(x) as tf.Tensor4D).dataSync() as Float32Array;
      });
      all.set(out, i * VARIANTS.length * PER_VIEW);
    }
    console.error(`features ${set} @${size}: ${photos.length} photos in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    fs.writeFileSync(cache, Buffer.from(all.buffer));
    fs.writeFileSync(`${cache}.key`, key);
  }
  const out: Feats = new Map();
  photos.forEach((p, i) =>
    out.set(
      p.file,
      new Map(VARIANTS.map((v, j) => [v, all.subarray((i * VARIANTS.length + j) * PER_VIEW, (i * VARIANTS.length + j + 1) * PER_VIEW)])),
    ),
  );
  return out;
}

function slicePool(v: Float32Array, p: Pool): Float32Array {
  let start = 0;
  for (const q of POOLS) {
    if (q === p) return v.subarray(start, start + POOL_DIM[p]);
    start += POOL_DIM[q];
  }
  throw new Error(p);
}
const cat = (...vs: Float32Array[]) => {
  const out = new Float32Array(vs.reduce((s, v) => s + v.length, 0));
  let o = 0;
  for (const v of vs) {
    out.set(v, o);
    o += v.length;
  }
  return out;
};
const ssqrt = (v: Float32Array) => v.map((x) => Math.sign(x) * Math.sqrt(Math.abs(x)));
const mean2 = (a: Float32Array, b: Float32Array) => a.map((x, i) => (x + b[i]) / 2);

/** A feature: how one view of one photo becomes a vector, given each resolution's pooled features. */
type FeatureFn = (at: (size: number) => Float32Array) => Float32Array;

const FEATURES: Record<string, { sizes: number[]; fn: FeatureFn }> = {};
for (const s of [224, 256, 288, 320]) FEATURES[`avg@${s}`] = { sizes: [s], fn: (at) => slicePool(at(s), 'avg') };
const pooled = (s: number): Record<string, FeatureFn> => ({
  [`gem@${s}`]: (at) => slicePool(at(s), 'gem'),
  [`avg+max@${s}`]: (at) => cat(slicePool(at(s), 'avg'), slicePool(at(s), 'max')),
  [`ssqrt-avg@${s}`]: (at) => ssqrt(slicePool(at(s), 'avg')),
  [`pyr+avg@${s}`]: (at) => cat(slicePool(at(s), 'avg'), slicePool(at(s), 'pyr')),
});
for (const s of [224, 256, 288, 320]) for (const [k, fn] of Object.entries(pooled(s))) FEATURES[k] = { sizes: [s], fn };
for (const s of [256, 288, 320]) {
  FEATURES[`avg@224+${s}:mean`] = { sizes: [224, s], fn: (at) => mean2(slicePool(at(224), 'avg'), slicePool(at(s), 'avg')) };
  FEATURES[`avg@224+${s}:cat`] = { sizes: [224, s], fn: (at) => cat(slicePool(at(224), 'avg'), slicePool(at(s), 'avg')) };
}

interface RunResult {
  crop: number;
  squash: number;
}

async function run(
  folds: Fold[],
  byRes: Map<number, Feats>,
  feat: { sizes: number[]; fn: FeatureFn },
  settings: TrainingSettings,
): Promise<RunResult> {
  const vec = (p: Photo, v: Variant) => feat.fn((s) => byRes.get(s)?.get(p.file)?.get(v) as Float32Array);
  const views = trainingVariants(settings);
  let crop = 0;
  let squash = 0;
  let runs = 0;
  for (const fold of folds) {
    const train = { x: [] as Float32Array[], y: [] as number[] };
    for (const p of fold.train) {
      for (const v of views) {
        train.x.push(vec(p, v));
        train.y.push(p.cls);
      }
    }
    const test = [...fold.test.map((p) => vec(p, 'orig')), ...fold.test.map((p) => vec(p, 'squash'))];
    const k = 5;
    for (const seed of SEEDS) {
      const out = await trainHead({
        featureSize: train.x[0].length,
        numClasses: k,
        train,
        val: { x: test, y: test.map(() => 0) },
        settings: { ...settings, seed, validationShare: 0 },
      });
      const n = fold.test.length;
      fold.test.forEach((p, i) => {
        if (argmaxRow(out.valProbs, i, k) === p.cls) crop++;
        if (argmaxRow(out.valProbs, n + i, k) === p.cls) squash++;
      });
      runs += n;
    }
  }
  return { crop: (100 * crop) / runs, squash: (100 * squash) / runs };
}

const RECIPES: Record<string, TrainingSettings> = {
  ours: DEFAULT_SETTINGS,
  tm: TEACHABLE_MACHINE_SETTINGS,
  ours5: { ...DEFAULT_SETTINGS, heads: 5 },
};
const GROUPS: Record<string, [string[], string[]]> = {
  res: [
    ['avg@224', 'avg@256', 'avg@288', 'avg@320'],
    ['ours', 'tm'],
  ],
  multi: [['avg@224+256:mean', 'avg@224+288:mean', 'avg@224+320:mean', 'avg@224+288:cat', 'avg@224+320:cat'], ['ours']],
  pool224: [['gem@224', 'avg+max@224', 'ssqrt-avg@224', 'pyr+avg@224'], ['ours']],
};

const [set = 'dev', group = 'res', ...extra] = process.argv.slice(2);
const folds = set === 'dev' ? devFolds() : benchFolds();
const photos = [...new Map(folds.flatMap((f) => [...f.train, ...f.test]).map((p) => [p.file, p])).values()];
const [featNames, recipeNames] = group === 'custom' ? [extra[0].split(','), extra[1].split(',')] : GROUPS[group];
const sizes = [...new Set(featNames.flatMap((f) => FEATURES[f].sizes))];
const byRes = new Map<number, Feats>();
for (const s of sizes) byRes.set(s, await features(set, photos, s));
for (const f of featNames)
  for (const r of recipeNames) {
    const t0 = Date.now();
    const res = await run(folds, byRes, FEATURES[f], RECIPES[r]);
    console.log(
      JSON.stringify({
        set,
        feature: f,
        recipe: r,
        crop: +res.crop.toFixed(2),
        squash: +res.squash.toFixed(2),
        s: Math.round((Date.now() - t0) / 1000),
      }),
    );
  }

/*
 * What it showed (2026-11-30, dev folds: 2 folds x 5 seeds, 200 test photos per fold, accuracy %
 * crop / squash; Teachable Machine's recipe as it runs, 224 px average-pooled, centre crop only:
 * 82.9 / 75.4; ours, the studio's default on the same features: 84.5 / 80.3). Seed-set noise is up
 * to 2.6 points, so nothing below clearly beats the default, and none reaches TM + 5 (87.9 crop):
 * - input resolution (same weights, network rebuilt for the size), ours / TM's recipe:
 *   256 px 82.7 / 81.8 and 81.0 / 76.7; 288 px 81.6 / 78.9 and 79.7 / 74.4; 320 px 81.3 / 78.0 and
 *   79.1 / 71.7. No FixRes gain: the features get worse above 224 for both recipes.
 * - multi-scale, 224 with 256 / 288 / 320: averaged 84.0 / 80.8, 82.6 / 79.9, 82.1 / 81.2;
 *   concatenated (288, 320) 83.4 / 80.2, 83.8 / 80.7.
 * - pooling of the 7x7x256 map at 224: GeM p=3 81.7 / 79.2; average + max 80.5 / 79.5; signed
 *   square root of the average 83.1 / 79.0; average + 2x2 pyramid (1280 values) 85.1 / 81.1.
 * - 5 averaged heads: average at 224 84.5 / 81.7; average + 2x2
 *   pyramid 85.9 / 82.3 (+1.4 / +2.0 over the default, within noise, 2 points short of TM + 5).
 * - TM's recipe on the average + 2x2 pyramid features: 84.9 / 79.3 (it gains more from them than
 *   ours does: on the same features ours leads by 1.0 / 3.0 with 5 heads).
 * Production code was left as it was.
 */
