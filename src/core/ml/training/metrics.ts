import type { EvaluationMetrics } from '../../../shared/api/training';

/** Index of the largest value of row `i` of a row-major [n, k] array. */
export function argmaxRow(probs: Float32Array | number[], i: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
  return best;
}

/** Accuracy, per-class accuracy and the confusion matrix (rows true, columns predicted). */
export function evaluatePredictions(trueIdx: readonly number[], predIdx: readonly number[], labels: readonly string[]): EvaluationMetrics {
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  trueIdx.forEach((t, i) => confusion[t][predIdx[i]]++);
  const perClass: Record<string, number | null> = {};
  let right = 0;
  labels.forEach((label, c) => {
    const n = confusion[c].reduce((a, b) => a + b, 0);
    right += confusion[c][c];
    perClass[label] = n === 0 ? null : confusion[c][c] / n;
  });
  const n = trueIdx.length;
  return { accuracy: n === 0 ? null : right / n, perClass, confusion, labels: [...labels], n };
}
