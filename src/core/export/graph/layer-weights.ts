import type * as tf from '@tensorflow/tfjs';
import type { ConstTensor } from './export-graph';
import { unsupported } from './unsupported';

/**
 * Reading a TF.js layer's weights and moving them into TensorFlow Lite's layouts:
 * Conv2D kernels [h, w, in, out] -> [out, h, w, in]; Dense kernels [in, out] -> [out, in].
 */

/** The layer's kernel (required) and bias (absent when the layer has none). */
export function weightsOf(layer: tf.layers.Layer, [kernelName, biasName]: [string, string]): [ConstTensor, ConstTensor | undefined] {
  const byName = new Map(layer.weights.map((w) => [lastPart(w.originalName ?? w.name), w]));
  const read = (n: string): ConstTensor | undefined => {
    const w = byName.get(n);
    return w ? { shape: w.shape.map((d) => d ?? 1), data: new Float32Array(w.read().dataSync()) } : undefined;
  };
  const kernel = read(kernelName);
  if (!kernel) throw unsupported(`layer "${layer.name}" without its ${kernelName}`);
  return [kernel, read(biasName)];
}

export function lastPart(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1].replace(/_\d+$/, '');
}

export function hwioToOhwi(kernel: ConstTensor): ConstTensor {
  const [h, w, cin, cout] = kernel.shape;
  const out = new Float32Array(kernel.data.length);
  const src = kernel.data;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let i = 0; i < cin; i++) {
        const from = ((y * w + x) * cin + i) * cout;
        for (let o = 0; o < cout; o++) out[((o * h + y) * w + x) * cin + i] = src[from + o];
      }
  return { shape: [cout, h, w, cin], data: out };
}

export function transpose2d(data: Float32Array, rows: number, cols: number): ConstTensor {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return { shape: [cols, rows], data: out };
}
