import * as tf from '@tensorflow/tfjs';
import type { DenseLayerSpec } from './head-spec';

/** Uniform draws from the seeded generator (Glorot uniform), so the same seed gives the same start. */
function glorot(inputSize: number, units: number, random: () => number): Float32Array {
  const limit = Math.sqrt(6 / (inputSize + units));
  const values = new Float32Array(inputSize * units);
  for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * limit;
  return values;
}

/**
 * The trainable head: softmax over the classes, either straight from the features or after one
 * hidden ReLU layer. With a hidden layer it can be several heads (`heads` > 1) trained side by side
 * from different starting weights on the same batches, each with its own loss (the sum of their
 * losses: no head's gradient depends on another's), and averaged: the prediction is the softmax of their mean logits.
 *
 * Averaged heads fold into ONE ordinary two-layer head (`layers()`): the hidden layers side by side,
 * the output kernels stacked and divided by the number of heads. That is what versions store and what
 * every export writes, so the exported graph has no new operation and the parity gate is unchanged.
 */
export class HeadNetwork {
  readonly variables: tf.Variable[];
  private readonly heads: number;
  private readonly hidden: number;

  constructor(
    private readonly featureSize: number,
    private readonly numClasses: number,
    hiddenUnits: number,
    heads: number,
    random: () => number,
  ) {
    this.hidden = hiddenUnits;
    this.heads = hiddenUnits > 0 ? Math.max(1, heads) : 1;
    const k = this.heads;
    const f = featureSize;
    const c = numClasses;
    // No names: TF.js names must be unique process-wide, and two decks may train at once.
    const variable = (values: Float32Array, shape: number[]) => tf.tidy(() => tf.variable(tf.tensor(values, shape), true));
    if (hiddenUnits === 0) {
      this.variables = [variable(glorot(f, c, random), [f, c]), variable(new Float32Array(c), [c])];
      return;
    }
    const h = hiddenUnits;
    // Each head's weights drawn in turn (hidden kernel, then output kernel), so one head draws
    // exactly what the single-head trainer always drew for a seed.
    const kernel1 = new Float32Array(f * k * h);
    const kernel2 = new Float32Array(k * h * c);
    for (let j = 0; j < k; j++) {
      const w1 = glorot(f, h, random);
      for (let i = 0; i < f; i++) kernel1.set(w1.subarray(i * h, (i + 1) * h), i * k * h + j * h);
      kernel2.set(glorot(h, c, random), j * h * c);
    }
    this.variables = [
      variable(kernel1, [f, k * h]),
      variable(new Float32Array(k * h), [k * h]),
      variable(kernel2, [k, h, c]),
      variable(new Float32Array(k * c), [k, 1, c]),
    ];
  }

  /** Every head's logits, [heads, n, classes]. */
  private headLogits(x: tf.Tensor2D): tf.Tensor3D {
    const [w1, b1, w2, b2] = this.variables;
    if (this.hidden === 0) return tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1).expandDims(0) as tf.Tensor3D;
    const n = x.shape[0];
    const h = tf.relu(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1));
    const perHead = tf.transpose(tf.reshape(h, [n, this.heads, this.hidden]), [1, 0, 2]) as tf.Tensor3D;
    return tf.add(tf.matMul(perHead, w2 as tf.Tensor3D), b2) as tf.Tensor3D;
  }

  /** The averaged prediction's logits, [n, classes]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    return tf.mean(this.headLogits(x), 0) as tf.Tensor2D;
  }

  /** The sum over heads of each head's weighted cross-entropy on this batch. */
  loss(x: tf.Tensor2D, oneHot: tf.Tensor2D, weights: tf.Tensor1D): tf.Scalar {
    const n = x.shape[0];
    const k = this.heads;
    const logits = tf.reshape(this.headLogits(x), [k * n, this.numClasses]);
    const labels = tf.tile(oneHot, [k, 1]);
    const w = tf.tile(weights, [k]);
    // The mean over k x n rows, times k: each head's gradient is what it would be alone.
    const ce = tf.losses.softmaxCrossEntropy(labels, logits, w, 0, tf.Reduction.SUM_BY_NONZERO_WEIGHTS);
    return tf.mul(ce, k) as tf.Scalar;
  }

  /** The (averaged) head as plain dense layers, from the variables' current values. */
  layers(): DenseLayerSpec[] {
    const f = this.featureSize;
    const c = this.numClasses;
    const [w1, b1, w2, b2] = this.variables.map((v) => v.dataSync() as Float32Array);
    if (this.hidden === 0) return [{ inputSize: f, units: c, activation: 'softmax', kernel: Array.from(w1), bias: Array.from(b1) }];
    const k = this.heads;
    // [heads, hidden, classes] row-major is already [heads x hidden, classes]; dividing by k averages the logits.
    const bias2 = new Array<number>(c).fill(0);
    for (let j = 0; j < k; j++) for (let i = 0; i < c; i++) bias2[i] += b2[j * c + i] / k;
    return [
      { inputSize: f, units: k * this.hidden, activation: 'relu', kernel: Array.from(w1), bias: Array.from(b1) },
      { inputSize: k * this.hidden, units: c, activation: 'softmax', kernel: Array.from(w2, (v) => v / k), bias: bias2 },
    ];
  }
}
