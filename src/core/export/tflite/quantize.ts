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

/**
 * The axis each kind of weight is quantised along: per output channel for convolutions ([out, h, w,
 * in] -> 0; depthwise [1, h, w, channels] -> 3), one scale for a dense layer's weights (-1), as
 * TensorFlow Lite's int8 specification has them.
 */
export const WEIGHT_AXIS = { conv2d: 0, depthwiseConv2d: 3, fullyConnected: -1 } as const;

/** Weights smaller than this stay float: quantising them saves nothing worth the accuracy. */
export const MIN_ELEMENTS_TO_QUANTIZE = 1024;

/**
 * Quantises along `axis` of `shape` (row-major), or per tensor when axis is -1. `minScales` (one
 * per output channel) keeps a channel's step from getting too fine for its int32 bias.
 */
export function quantizeSymmetric(data: Float32Array, shape: number[], axis: number, minScales?: Float32Array): QuantizedWeights {
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
  if (minScales) {
    for (let c = 0; c < channels; c++) {
      const floor = channels === 1 ? Math.max(...minScales) : minScales[c];
      if (scales[c] < floor) scales[c] = floor;
    }
  }
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const q = Math.round(data[i] / scales[channelOf(i)]);
    values[i] = Math.max(-127, Math.min(127, q));
  }
  return { values, scales, axis };
}

/** Affine int8 parameters of an activation: real = (q - zeroPoint) * scale. */
export interface ActivationQuant {
  scale: number;
  zeroPoint: number;
}

/** The range of values an activation took on the calibration photos. */
export interface ValueRange {
  min: number;
  max: number;
}

/**
 * int8 parameters covering `range` (TensorFlow Lite's asymmetric activation scheme): the range is
 * widened to hold 0, so zero (padding, ReLU's floor) is exact, and the zero point is a whole number
 * in [-128, 127].
 */
export function activationQuant(range: ValueRange): ActivationQuant {
  const min = Math.min(0, range.min);
  let max = Math.max(0, range.max);
  // A value that never moved (an all-zero channel set) still needs a usable step.
  if (max - min < 1e-6) max = min + 1e-6;
  const scale = Math.fround((max - min) / 255);
  const zeroPoint = Math.max(-128, Math.min(127, Math.round(-128 - min / scale)));
  return { scale, zeroPoint };
}

/**
 * The smallest weight step per output channel that keeps its int32 bias (bias / (input_scale *
 * weight_scale)) within half the int32 range. A channel whose weights are all near zero (BatchNorm
 * folding leaves some in MobileNet) would otherwise get a step so fine that its bias overflows.
 */
export function biasSafeWeightScales(bias: Float32Array, inputScale: number): Float32Array {
  return Float32Array.from(bias, (b) => Math.abs(b) / (inputScale * 2 ** 30));
}

/**
 * A bias as TensorFlow Lite's int8 kernels read it: int32, zero point 0, and per channel the scale
 * input_scale * weight_scale (computed in float32, as the runtime checks it).
 */
export function quantizeBias(bias: Float32Array, inputScale: number, weightScales: Float32Array): { values: Int32Array; scales: Float32Array } {
  const scales = new Float32Array(bias.length);
  const values = new Int32Array(bias.length);
  for (let c = 0; c < bias.length; c++) {
    const s = Math.fround(Math.fround(inputScale) * weightScales[weightScales.length === 1 ? 0 : c]);
    scales[c] = s;
    values[c] = Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.round(bias[c] / s)));
  }
  return { values, scales };
}
