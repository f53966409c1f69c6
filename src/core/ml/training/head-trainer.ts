import * as tf from '@tensorflow/tfjs';
import type { DenseLayerSpec, EpochMetrics, TrainingSettings } from '../../../shared/api/training';
import { initBackend } from '../backend';
import { HeadNetwork } from './head-network';
import { seededRandom, shuffleInPlace } from './seeded-random';

export interface HeadData {
  /** One feature vector per row. */
  x: readonly Float32Array[];
  /** Class index per row. */
  y: readonly number[];
}

export interface TrainHeadInput {
  featureSize: number;
  numClasses: number;
  train: HeadData;
  /** May be empty: then validation values are null. */
  val: HeadData;
  settings: TrainingSettings;
  signal?: AbortSignal;
  onEpoch?: (m: EpochMetrics) => void;
}

export type HeadStop = 'completed' | 'diverged' | 'cancelled';

export interface TrainHeadOutput {
  /** The last good weights (after the last epoch whose loss stayed finite). */
  layers: DenseLayerSpec[];
  curves: EpochMetrics[];
  stopped: HeadStop;
  /** Epochs whose weights the result holds. */
  epochsDone: number;
  /** Probabilities of the validation rows under the returned weights, row-major [n, classes]. */
  valProbs: Float32Array;
  trainAccuracy: number;
}

function stack(rows: readonly Float32Array[], size: number): tf.Tensor2D {
  const flat = new Float32Array(rows.length * size);
  rows.forEach((r, i) => flat.set(r, i * size));
  return tf.tensor2d(flat, [rows.length, size]);
}

/**
 * Trains the head (optionally one hidden ReLU layer, then softmax) on cached features with Adam.
 * Deterministic for a seed: our own seeded initialisation and shuffling, no dropout. Checks the loss
 * after every batch: a non-finite loss restores the last good epoch's weights and stops; an abort
 * stops within one batch. Every tensor it makes is disposed before it returns.
 */
export async function trainHead(input: TrainHeadInput): Promise<TrainHeadOutput> {
  await initBackend();
  const { settings: s, featureSize, numClasses } = input;
  const random = seededRandom(s.seed);
  // Class weights: n / (k x n_c), so each class weighs the same in total.
  const counts = new Array<number>(numClasses).fill(0);
  input.train.y.forEach((c) => counts[c]++);
  const classWeight = counts.map((n) => (s.classWeighting && n > 0 ? input.train.y.length / (numClasses * n) : 1));

  const net = new HeadNetwork(featureSize, numClasses, s.hiddenUnits, s.heads, random);
  const { variables } = net;
  const logits = (x: tf.Tensor2D): tf.Tensor2D => net.logits(x);

  const xTrain = stack(input.train.x, featureSize);
  const yTrain = tf.tidy(() => tf.oneHot(tf.tensor1d(input.train.y as number[], 'int32'), numClasses).toFloat() as tf.Tensor2D);
  const wTrain = tf.tensor1d(input.train.y.map((c) => classWeight[c]));
  const xVal = input.val.x.length > 0 ? stack(input.val.x, featureSize) : null;
  const yValIdx = input.val.y;
  const optimizer = tf.train.adam(s.learningRate);

  let good = variables.map((v) => v.clone());
  const curves: EpochMetrics[] = [];
  let stopped: HeadStop = 'completed';
  const order = input.train.y.map((_, i) => i);

  try {
    for (let epoch = 1; epoch <= s.epochs && stopped === 'completed'; epoch++) {
      shuffleInPlace(order, random);
      let lossSum = 0;
      let seen = 0;
      for (let start = 0; start < order.length; start += s.batchSize) {
        if (input.signal?.aborted) {
          stopped = 'cancelled';
          break;
        }
        const idx = tf.tensor1d(order.slice(start, start + s.batchSize), 'int32');
        const lossT = optimizer.minimize(
          () => {
            const xb = tf.gather(xTrain, idx) as tf.Tensor2D;
            const yb = tf.gather(yTrain, idx) as tf.Tensor2D;
            const wb = tf.gather(wTrain, idx);
            return net.loss(xb, yb, wb);
          },
          true,
          variables,
        );
        idx.dispose();
        const batchLoss = lossT ? (await lossT.data())[0] : NaN;
        lossT?.dispose();
        if (!Number.isFinite(batchLoss)) {
          stopped = 'diverged';
          break;
        }
        const n = Math.min(s.batchSize, order.length - start);
        lossSum += batchLoss * n;
        seen += n;
        // Let cancel requests and events through between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (stopped !== 'completed') break;
      const m = epochMetrics(epoch, lossSum / Math.max(1, seen), logits, xTrain, input.train.y, xVal, yValIdx, numClasses);
      if (![m.loss, m.valLoss ?? 0].every(Number.isFinite)) {
        stopped = 'diverged';
        break;
      }
      good.forEach((t) => t.dispose());
      good = variables.map((v) => v.clone());
      curves.push(m);
      input.onEpoch?.(m);
    }

    // Back to the last good weights (they are the current ones when training completed).
    variables.forEach((v, i) => v.assign(good[i]));
    const layers = net.layers();
    const valProbs = xVal ? (tf.tidy(() => tf.softmax(logits(xVal)).dataSync()) as Float32Array) : new Float32Array(0);
    const trainAccuracy = tf.tidy(() => {
      const pred = tf.argMax(logits(xTrain), 1).dataSync();
      return input.train.y.filter((c, i) => pred[i] === c).length / Math.max(1, input.train.y.length);
    });
    return { layers, curves, stopped, epochsDone: curves.length, valProbs, trainAccuracy };
  } finally {
    optimizer.dispose();
    tf.dispose([xTrain, yTrain, wTrain, ...(xVal ? [xVal] : []), ...variables, ...good]);
  }
}

function epochMetrics(
  epoch: number,
  loss: number,
  logits: (x: tf.Tensor2D) => tf.Tensor2D,
  xTrain: tf.Tensor2D,
  yTrain: readonly number[],
  xVal: tf.Tensor2D | null,
  yVal: readonly number[],
  numClasses: number,
): EpochMetrics {
  const accOf = (x: tf.Tensor2D, y: readonly number[]): number =>
    tf.tidy(() => {
      const pred = tf.argMax(logits(x), 1).dataSync();
      return y.filter((c, i) => pred[i] === c).length / Math.max(1, y.length);
    });
  const acc = accOf(xTrain, yTrain);
  if (!xVal) return { epoch, loss, acc, valLoss: null, valAcc: null };
  // Plain mean cross-entropy: comparable between runs with and without class weighting.
  const valLoss = tf.tidy(() => {
    const yv = tf.oneHot(tf.tensor1d(yVal as number[], 'int32'), numClasses).toFloat();
    return tf.losses.softmaxCrossEntropy(yv, logits(xVal)).dataSync()[0];
  });
  return { epoch, loss, acc, valLoss, valAcc: accOf(xVal, yVal) };
}
