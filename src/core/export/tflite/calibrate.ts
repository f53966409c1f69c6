import type { Normalization } from '../../../shared/api/training';
import type { ExportGraph } from '../graph/export-graph';
import type { ValueRange } from './quantize';
import { writeTflite } from './tflite-writer';
import { disposeTfliteModel, loadTfliteModel, runTfliteRaw } from './tflite-runtime';

export interface CalibrationInput {
  graph: ExportGraph;
  /** inputSize x inputSize x 3 RGB bytes per photo, the studio's own preprocessing. */
  photos: Uint8Array[];
  normalization: Normalization;
  onProgress?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
}

/** Every value the graph computes (op outputs), in execution order. */
export function graphValues(graph: ExportGraph): string[] {
  return graph.ops.map((op) => op.output);
}

/** (pixel - mean) / std per channel, in float32 as TF.js computes it. */
export function normalisedInput(pixels: Uint8Array, n: Normalization, out = new Float32Array(pixels.length)): Float32Array {
  for (let i = 0; i < pixels.length; i++) {
    const c = i % 3;
    out[i] = Math.fround(pixels[i] - n.mean[c]) / n.std[c];
  }
  return out;
}

/**
 * The range each value of the float graph takes on the calibration photos: the float model runs in
 * TensorFlow Lite's own runtime with every intermediate value listed as an output, so the ranges
 * are those of the very kernels the int8 ones replace.
 */
export async function calibrateRanges(c: CalibrationInput): Promise<Map<string, ValueRange>> {
  const outputs = new Set(c.graph.outputs.map((o) => o.value));
  const exposed = graphValues(c.graph).filter((v) => !outputs.has(v));
  const order = [...c.graph.outputs.map((o) => o.value), ...exposed];
  const model = await loadTfliteModel(writeTflite(c.graph, { description: 'calibration', expose: exposed }));
  const ranges = new Map<string, ValueRange>(order.map((v) => [v, { min: Infinity, max: -Infinity }]));
  const input = new Float32Array(c.photos[0]?.length ?? 0);
  try {
    for (let i = 0; i < c.photos.length; i++) {
      // Let the core answer other calls (and a cancel) between photos.
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      c.throwIfCancelled?.();
      const results = runTfliteRaw(model, normalisedInput(c.photos[i], c.normalization, input));
      results.forEach((t, k) => {
        const r = ranges.get(order[k]);
        if (!r) return;
        const d = t.data;
        for (let j = 0; j < d.length; j++) {
          const v = d[j];
          if (v < r.min) r.min = v;
          if (v > r.max) r.max = v;
        }
      });
      c.onProgress?.(i + 1, c.photos.length);
    }
  } finally {
    disposeTfliteModel(model);
  }
  return ranges;
}
