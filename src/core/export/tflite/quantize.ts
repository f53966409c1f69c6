/**
 * Dynamic-range int8 quantisation of weights: each channel keeps a float scale and its weights become
 * symmetric int8 (zero point 0), as TensorFlow Lite's hybrid kernels expect. Activations stay float.
 */
export interface QuantizedWeights {
  values: Int8Array;
  scales: Float32Array;
  /** Axis the scales run along (-1 for one scale for the whole tensor). */
  axis: number;
}

/** Weights smaller than this stay float: quantising them saves nothing worth the accuracy. */
export const MIN_ELEMENTS_TO_QUANTIZE = 1024;

/** Quantises along `axis` of `shape` (row-major), or per tensor when axis is -1. */
export function quantizeSymmetric(data: Float32Array, shape: number[], axis: number): QuantizedWeights {
  const channels = axis < 0 ? 1 : shape[axis];
  const inner = axis < 0 ? 1 : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => (axis < 0 ? 0 : Math.floor(i / inner) % channels);
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    const a = Math.abs(data[i]);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  const scales = new Float32Array(channels);
  // An all-zero channel still needs a non-zero scale for the runtime's arithmetic.
  for (let c = 0; c < channels; c++) scales[c] = maxAbs[c] > 0 ? maxAbs[c] / 127 : 1;
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const q = Math.round(data[i] / scales[channelOf(i)]);
    values[i] = Math.max(-127, Math.min(127, q));
  }
  return { values, scales, axis };
}
