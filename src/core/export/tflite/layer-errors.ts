import type { Normalization } from '../../../shared/api/training';
import type { ExportGraph, GraphOp } from '../graph/export-graph';
import { graphValues, normalisedInput } from './calibrate';
import { planFullInt8, type FullInt8Plan } from './full-int8-plan';
import type { ValueRange } from './quantize';
import { dequantizeTensor, readTflite, type ReadTensor } from './tflite-reader';
import { disposeTfliteModel, loadTfliteModel, runTfliteRaw, type TFLiteModel } from './tflite-runtime';
import { writeTflite } from './tflite-writer';

/** How far one op's int8 output strays from float, over a set of photos. */
export interface LayerError {
  /** The op's name (its TF.js layer) and kind. */
  op: string;
  kind: GraphOp['kind'];
  /** The op's int8 step (output scale) and the calibrated range it covers. */
  scale: number;
  range: number;
  /**
   * Through the whole int8 network against the float network on the same photo: the largest
   * |dequantised int8 - float| in int8 steps, and the root-mean-square error as a share of the
   * range. Both grow with depth (each layer's rounding and int8 weights add up).
   */
  steps: number;
  rmsShare: number;
  /**
   * The op alone: the float op, computing with the int8 weights the file holds and its float bias,
   * fed the int8 network's own (dequantised) input, against the int8 output, in int8 steps (values
   * beyond the op's grid compared at its edge). Checks the file's kernels, grids, zero points and
   * int32 biases: a correct op is off by its output rounding (half a step) and its bias rounding
   * (a few hundredths of a step).
   */
  isolatedSteps: number;
  /** Half the int32 bias's largest step, in output steps: what rounding the bias may add alone. */
  biasSteps: number;
}

/**
 * Checks a full-integer model op by op against the float graph, in TensorFlow Lite's runtime on
 * real photos (TensorFlow Lite's own quantisation debugger compares the same two ways).
 */
export async function layerErrors(
  graph: ExportGraph,
  ranges: ReadonlyMap<string, ValueRange>,
  photos: Uint8Array[],
  normalization: Normalization,
): Promise<LayerError[]> {
  const plan = planFullInt8(graph, ranges, normalization);
  const values = graphValues(graph);
  const outputs = new Set(graph.outputs.map((o) => o.value));
  const int8Bytes = writeTflite(graph, { description: 'int8 check', quantize: 'full-int8', plan, expose: values });
  // Where each exposed int8 value sits in the outputs, and its grid as the file states it.
  const summary = readTflite(int8Bytes);
  const int8Outputs = summary.outputs.slice(graph.outputs.length);
  const tensors = new Map(summary.tensors.map((t) => [t.name, t]));
  const floatOrder = [...graph.outputs.map((o) => o.value), ...values.filter((v) => !outputs.has(v))];
  const isolated = graph.ops.map((op) => singleOpGraph(graph, withFileWeights(op, tensors)));
  const models: TFLiteModel[] = [];
  const load = async (bytes: Uint8Array) => {
    const m = await loadTfliteModel(bytes);
    models.push(m);
    return m;
  };
  try {
    const int8 = await load(int8Bytes);
    const float = await load(writeTflite(graph, { description: 'float check', expose: values.filter((v) => !outputs.has(v)) }));
    const single = await Promise.all(isolated.map((g) => load(writeTflite(g, { description: 'one op' }))));
    const worst = graph.ops.map(() => ({ abs: 0, isolated: 0, sq: 0, n: 0 }));
    for (const pixels of photos) {
      const q = runTfliteRaw(int8, pixels).slice(graph.outputs.length);
      const deq = new Map<string, Float32Array>();
      int8Outputs.forEach((t, k) => {
        const p = t.quantization;
        if (!p) throw new Error(`${t.name} has no quantisation`);
        deq.set(
          values[k],
          Float32Array.from(q[k].data, (v) => (v - p.zeroPoint[0]) * p.scale[0]),
        );
      });
      deq.set(graph.input.name, dequantisedInput(pixels, plan));
      const f = new Map<string, Float32Array>();
      runTfliteRaw(float, normalisedInput(pixels, normalization)).forEach((t, k) => f.set(floatOrder[k], Float32Array.from(t.data)));
      graph.ops.forEach((op, i) => {
        const a = need(deq, op.output);
        const b = need(f, op.output);
        worst[i].abs = Math.max(worst[i].abs, maxAbsDiff(a, b));
        for (let k = 0; k < a.length; k++) worst[i].sq += (a[k] - b[k]) ** 2;
        worst[i].n += a.length;
        const grid = gridOf(plan, op.output);
        const lo = (-128 - grid.zeroPoint) * grid.scale;
        const hi = (127 - grid.zeroPoint) * grid.scale;
        const alone = Float32Array.from(runTfliteRaw(single[i], need(deq, op.input))[0].data, (v) => Math.min(hi, Math.max(lo, v)));
        worst[i].isolated = Math.max(worst[i].isolated, maxAbsDiff(a, alone) / grid.scale);
      });
    }
    return graph.ops.map((op, i) => {
      const { scale } = gridOf(plan, op.output);
      return {
        op: op.name,
        kind: op.kind,
        scale,
        range: scale * 255,
        steps: worst[i].abs / scale,
        rmsShare: Math.sqrt(worst[i].sq / Math.max(1, worst[i].n)) / (scale * 255),
        isolatedSteps: worst[i].isolated,
        biasSteps: (0.5 * Math.max(0, ...(tensors.get(`${op.name}/bias`)?.quantization?.scale ?? []))) / scale,
      };
    });
  } finally {
    for (const m of models) disposeTfliteModel(m);
  }
}

/** The graph's input as the int8 network sees it after its first QUANTIZE (uint8 minus 128). */
function dequantisedInput(pixels: Uint8Array, plan: FullInt8Plan): Float32Array {
  return Float32Array.from(pixels, (p) => (p - plan.input.zeroPoint) * plan.input.scale);
}

/**
 * The op computing with the weights the int8 file holds (read back and dequantised) and its own
 * float bias: the int32 bias is part of what the check judges.
 */
function withFileWeights(op: GraphOp, tensors: ReadonlyMap<string, ReadTensor>): GraphOp {
  if (op.kind !== 'conv2d' && op.kind !== 'depthwiseConv2d' && op.kind !== 'fullyConnected') return op;
  const name = `${op.name}/${op.kind === 'fullyConnected' ? 'weights' : 'filter'}`;
  const t = tensors.get(name);
  if (!t) throw new Error(`the int8 file has no ${name}`);
  const w = op.kind === 'fullyConnected' ? op.weights : op.filter;
  const weights = { shape: w.shape, data: dequantizeTensor(t) };
  return op.kind === 'fullyConnected' ? { ...op, weights } : { ...op, filter: weights };
}

function singleOpGraph(graph: ExportGraph, op: GraphOp): ExportGraph {
  const shape = graph.shapes.get(op.input) ?? [];
  return { input: { name: op.input, shape }, shapes: graph.shapes, ops: [op], outputs: [{ value: op.output, name: op.output }] };
}

function gridOf(plan: FullInt8Plan, value: string) {
  const g = plan.values.get(value);
  if (!g) throw new Error(`no int8 grid for ${value}`);
  return g;
}

function need(m: Map<string, Float32Array>, k: string): Float32Array {
  const v = m.get(k);
  if (!v) throw new Error(`no values for ${k}`);
  return v;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`compared ${a.length} values with ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
