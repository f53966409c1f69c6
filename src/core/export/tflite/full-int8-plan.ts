import type { Normalization } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import type { ExportGraph } from '../graph/export-graph';
import { activationQuant, type ActivationQuant, type ValueRange } from './quantize';

/**
 * Where every value of a full-integer model sits on the int8 grid. The image comes in as uint8
 * pixels whose quantisation is the normalisation itself (real = (pixel - mean) / std), as TensorFlow
 * Lite's quantized image classifiers expect; every later value is int8 over the range it took on the
 * calibration photos.
 */
export interface FullInt8Plan {
  /** The uint8 image input. */
  input: ActivationQuant;
  /** int8 parameters of every graph value (the graph input included). */
  values: Map<string, ActivationQuant>;
}

/** Softmax's int8 output is fixed by TensorFlow Lite: probabilities 0..255/256. */
export const SOFTMAX_OUTPUT: ActivationQuant = { scale: 1 / 256, zeroPoint: -128 };

/** The same grid, one byte type to the other (int8 <-> uint8 differ by 128 in the zero point). */
export function asUint8(q: ActivationQuant): ActivationQuant {
  return { scale: q.scale, zeroPoint: q.zeroPoint + 128 };
}

export function planFullInt8(graph: ExportGraph, ranges: ReadonlyMap<string, ValueRange>, n: Normalization): FullInt8Plan {
  const same = (v: readonly number[]) => v.every((x) => x === v[0]);
  if (!same(n.mean) || !same(n.std)) {
    // A uint8 input has one scale and zero point for all three colours.
    throw new StudioError(
      'EXPORT_FAILED',
      'This base network normalises each colour differently, which a full-integer TensorFlow Lite file cannot describe.',
      'Export the full-size TensorFlow Lite file, or the one with int8 weights only.',
    );
  }
  const zeroPoint = Math.round(n.mean[0]);
  const input: ActivationQuant = { scale: Math.fround(1 / n.std[0]), zeroPoint: Math.max(0, Math.min(255, zeroPoint)) };
  const values = new Map<string, ActivationQuant>([[graph.input.name, { scale: input.scale, zeroPoint: input.zeroPoint - 128 }]]);
  for (const op of graph.ops) {
    if (op.kind === 'reshape') {
      // Reshape only moves bytes: TensorFlow Lite wants its output on the input's grid.
      values.set(op.output, valueOf(values, op.input));
      continue;
    }
    if (op.kind === 'softmax') {
      values.set(op.output, SOFTMAX_OUTPUT);
      continue;
    }
    const seen = ranges.get(op.output);
    if (!seen)
      throw new StudioError(
        'EXPORT_FAILED',
        `The model could not be calibrated (no range for ${op.output}).`,
        'Try the export again; if it fails again, report it.',
      );
    let { min, max } = seen;
    // A fused ReLU or ReLU6 bounds the output whatever the photos showed.
    if ('activation' in op && op.activation !== 'none') min = Math.max(0, min);
    if ('activation' in op && op.activation === 'relu6') max = Math.min(6, max);
    values.set(op.output, activationQuant({ min, max }));
  }
  return { input, values };
}

function valueOf(values: Map<string, ActivationQuant>, name: string): ActivationQuant {
  const q = values.get(name);
  if (!q)
    throw new StudioError(
      'EXPORT_FAILED',
      `The model could not be calibrated (${name} read before it is written).`,
      'Try the export again; if it fails again, report it.',
    );
  return q;
}
