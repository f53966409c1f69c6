import * as tf from '@tensorflow/tfjs';
import type { Normalization } from '../../shared/api/training';
import type { ParityReport, QuantizationReport } from '../../shared/api/export';
import { readTflite } from './tflite/tflite-reader';
import { disposeTfliteModel, loadTfliteModel, runTfliteRaw, type TFLiteModel } from './tflite/tflite-runtime';

/** Float export: every probability within this of the TF.js model's. */
export const FLOAT_TOLERANCE = 1e-4;
/** int8 export: refused when it recognises more than this share fewer validation photos. */
export const MAX_INT8_ACCURACY_DROP = 0.05;
/**
 * full-int8 export: refused when fewer than this share of the validation photos get the float
 * model's word (see README: a sound file agrees on 94-100% of the fruit photos; a mis-scaled one
 * falls towards chance).
 */
export const MIN_FULL_INT8_AGREEMENT = 0.9;

export interface ParitySample {
  /** inputSize x inputSize x 3 RGB bytes, the studio's own preprocessing. */
  pixels: Uint8Array;
  /** Output (deck) the photo belongs to, and its true class there. */
  output: number;
  classIndex: number;
}

export interface ParityInput {
  model: tf.LayersModel;
  tflite: Uint8Array;
  samples: ParitySample[];
  inputSize: number;
  normalization: Normalization;
  /** Which photos these are, shown with the result ("validation photos of version 3"). */
  photoSet: string;
  /** The TF.js model's outputs for these samples, when already computed (see referenceOutputs). */
  reference?: Float32Array[][];
  onProgress?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
}

interface Comparison {
  photos: number;
  sameTop1: number;
  maxAbsDiff: number;
  tfjsCorrect: number;
  tfliteCorrect: number;
  ms: number;
}

const BATCH = 16;

function normalised(sample: ParitySample, size: number, n: Normalization): tf.Tensor4D {
  return tf.tidy(() => tf.tensor4d(Float32Array.from(sample.pixels), [1, size, size, 3]).sub(tf.tensor1d(n.mean)).div(tf.tensor1d(n.std)));
}

/** The TF.js model's outputs, [sample][output], computed in batches (the wasm backend likes them). */
export function referenceOutputs(input: Omit<ParityInput, 'tflite'>): Float32Array[][] {
  const size = input.inputSize;
  const out: Float32Array[][] = [];
  for (let i = 0; i < input.samples.length; i += BATCH) {
    input.throwIfCancelled?.();
    const batch = input.samples.slice(i, i + BATCH);
    const ys = tf.tidy(() => {
      const x = tf.concat(batch.map((s) => normalised(s, size, input.normalization)));
      const y = input.model.predict(x) as tf.Tensor | tf.Tensor[];
      return (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
    });
    batch.forEach((_, b) => out.push(ys.map((y) => y.slice((y.length / batch.length) * b, (y.length / batch.length) * (b + 1)))));
  }
  return out;
}

/** Runs the .tflite in TensorFlow Lite's runtime and compares it with the TF.js model's outputs. */
async function compare(input: ParityInput, integer = false): Promise<Comparison> {
  const started = Date.now();
  const reference = input.reference ?? referenceOutputs(input);
  const tflite = await loadTfliteModel(input.tflite);
  const result: Comparison = { photos: 0, sameTop1: 0, maxAbsDiff: 0, tfjsCorrect: 0, tfliteCorrect: 0, ms: 0 };
  try {
    await compareAll(input, reference, integer ? integerRunner(input.tflite, tflite) : floatRunner(input, tflite), result);
  } finally {
    disposeTfliteModel(tflite);
  }
  result.ms = Date.now() - started;
  return result;
}

/** Runs one sample through the .tflite: one probability vector per output. */
type Runner = (sample: ParitySample) => Float32Array[];

function floatRunner(input: ParityInput, tflite: TFLiteModel): Runner {
  const outputNames = tflite.outputs.map((o) => o.name);
  const outputsOf = (y: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap): tf.Tensor[] =>
    y instanceof tf.Tensor ? [y] : Array.isArray(y) ? y : outputNames.map((n) => y[n]);
  return (sample) => {
    const x = normalised(sample, input.inputSize, input.normalization);
    const actual = outputsOf(tflite.predict(x));
    const out = actual.map((t) => t.dataSync() as Float32Array);
    tf.dispose([x, ...actual]);
    return out;
  };
}

/** A full-integer file takes the pixels as uint8 and gives uint8 scores, read through their quantisation. */
function integerRunner(bytes: Uint8Array, tflite: TFLiteModel): Runner {
  const grids = readTflite(bytes).outputs.map((t) => t.quantization ?? { scale: [1], zeroPoint: [0] });
  return (sample) =>
    runTfliteRaw(tflite, sample.pixels)
      .slice(0, grids.length)
      .map((t, o) => Float32Array.from(t.data, (v) => (v - grids[o].zeroPoint[0]) * grids[o].scale[0]));
}

async function compareAll(input: ParityInput, reference: Float32Array[][], run: Runner, result: Comparison): Promise<void> {
  for (let i = 0; i < input.samples.length; i++) {
    // Let the core answer other calls (and a cancel) between photos.
    if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    input.throwIfCancelled?.();
    const sample = input.samples[i];
    const actual = run(sample);
    const expected = reference[i];
    for (let o = 0; o < expected.length; o++) {
      const a = expected[o];
      const b = actual[o];
      let diff = 0;
      for (let k = 0; k < a.length; k++) diff = Math.max(diff, Math.abs(a[k] - b[k]));
      result.maxAbsDiff = Math.max(result.maxAbsDiff, diff);
      const ta = argMax(a);
      const tb = argMax(b);
      if (ta === tb) result.sameTop1++;
      if (o === sample.output) {
        if (ta === sample.classIndex) result.tfjsCorrect++;
        if (tb === sample.classIndex) result.tfliteCorrect++;
      }
    }
    result.photos += expected.length;
    input.onProgress?.(i + 1, input.samples.length);
  }
}

/**
 * The parity gate of a float export: TensorFlow Lite's runtime must give the same top-1 as the
 * TF.js model on every photo, and every probability within FLOAT_TOLERANCE.
 */
export async function floatParity(input: ParityInput): Promise<ParityReport> {
  const c = await compare(input);
  const passed = c.photos > 0 && c.sameTop1 === c.photos && c.maxAbsDiff <= FLOAT_TOLERANCE;
  return {
    passed,
    runtime: 'TensorFlow Lite (WebAssembly, @tensorflow/tfjs-tflite) in Node',
    photoSet: input.photoSet,
    photos: input.samples.length,
    comparisons: c.photos,
    sameTop1: c.sameTop1,
    maxAbsDiff: c.maxAbsDiff,
    tolerance: FLOAT_TOLERANCE,
    ms: c.ms,
  };
}

/** The accuracy an int8 model loses against the float TF.js model on the same photos. */
export async function quantizationCost(input: ParityInput, bytes: number, floatBytes: number): Promise<QuantizationReport> {
  const c = await compare(input);
  const report = costReport(input, c, bytes, floatBytes);
  const drop = report.accuracyDrop;
  return { ...report, kind: 'int8', passed: report.photos > 0 && drop !== null && drop <= MAX_INT8_ACCURACY_DROP };
}

/**
 * The parity gate of a full-integer file: it runs in TensorFlow Lite's integer kernels (uint8
 * pixels in, uint8 scores out) and must give the float model's word on at least
 * MIN_FULL_INT8_AGREEMENT of the photos. One differing photo never fails it: with fewer than ten
 * photos a single near-tie would otherwise decide.
 */
export async function fullInt8Gate(input: ParityInput, bytes: number, floatBytes: number, calibrationPhotos: number): Promise<QuantizationReport> {
  const c = await compare(input, true);
  const agreement = c.photos > 0 ? c.sameTop1 / c.photos : 0;
  return {
    ...costReport(input, c, bytes, floatBytes),
    kind: 'full-int8',
    passed: c.photos > 0 && (agreement >= MIN_FULL_INT8_AGREEMENT || c.photos - c.sameTop1 <= 1),
    minAgreement: MIN_FULL_INT8_AGREEMENT,
    calibrationPhotos,
  };
}

/** The figures both smaller files report: accuracies against the float model's, on the same photos. */
function costReport(input: ParityInput, c: Comparison, bytes: number, floatBytes: number): QuantizationReport {
  const n = input.samples.length;
  const floatAccuracy = n > 0 ? c.tfjsCorrect / n : null;
  const int8Accuracy = n > 0 ? c.tfliteCorrect / n : null;
  return {
    photoSet: input.photoSet,
    photos: n,
    floatAccuracy,
    int8Accuracy,
    accuracyDrop: floatAccuracy !== null && int8Accuracy !== null ? floatAccuracy - int8Accuracy : null,
    sameTop1: c.sameTop1,
    comparisons: c.photos,
    maxAbsDiff: c.maxAbsDiff,
    bytes,
    floatBytes,
    passed: false,
    maxAccuracyDrop: MAX_INT8_ACCURACY_DROP,
    ms: c.ms,
  };
}

function argMax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
