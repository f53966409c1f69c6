import { StudioError } from '../../../shared/errors';
import type { ConstTensor, ExportGraph, FusedActivation, GraphOp } from '../graph/export-graph';
import {
  ActivationFunctionType,
  BuiltinOperator,
  BuiltinOptions,
  Conv2DOptions,
  DepthwiseConv2DOptions,
  FullyConnectedOptions,
  Padding,
  ReducerOptions,
  ReshapeOptions,
  SoftmaxOptions,
  TensorType,
} from './generated/model/tflite';
import { asUint8, type FullInt8Plan } from './full-int8-plan';
import { biasSafeWeightScales, MIN_ELEMENTS_TO_QUANTIZE, quantizeBias, quantizeSymmetric, WEIGHT_AXIS, type ActivationQuant } from './quantize';
import { bytesOf, serialise, type OpSpec, type TensorSpec } from './tflite-serialise';

export { METADATA_NAME } from './tflite-serialise';

export type TfliteQuantization = 'int8' | 'full-int8';

export interface TfliteWriteOptions {
  description: string;
  /**
   * 'int8': dynamic range (int8 weights, float activations: TensorFlow Lite's hybrid CPU kernels).
   * 'full-int8': int8 weights and activations, uint8 image in and probabilities out (`plan` says
   * where each value sits on the int8 grid). Default float32.
   */
  quantize?: TfliteQuantization;
  plan?: FullInt8Plan;
  /** A ModelMetadata flatbuffer ("M001") stored in the TFLITE_METADATA buffer. */
  metadata?: Uint8Array;
  /** Values also listed as outputs after the real ones, as they are (calibration and tests read them). */
  expose?: string[];
}

/** Op versions TensorFlow Lite gives each kernel flavour (its op_version.cc). */
const VERSIONS = {
  float: { conv: 1, depthwise: 1, fc: 1, mean: 1, softmax: 1 },
  hybrid: { conv: 5, depthwise: 6, fc: 3, mean: 1, softmax: 1 },
  int8: { conv: 3, depthwise: 3, fc: 4, mean: 2, softmax: 2 },
} as const;

/** Writes an ExportGraph as a .tflite FlatBuffer (one subgraph). */
export function writeTflite(graph: ExportGraph, options: TfliteWriteOptions): Uint8Array {
  const full = options.quantize === 'full-int8';
  const plan = options.plan;
  if (full && !plan) throw internal('a full-integer model needs its calibration');
  const tensors: TensorSpec[] = [];
  // Buffer 0 is the empty sentinel every activation tensor points at.
  const buffers: (Uint8Array | null)[] = [null];
  const valueIndex = new Map<string, number>();
  const ops: OpSpec[] = [];

  const addBuffer = (bytes: Uint8Array) => buffers.push(bytes) - 1;
  const addTensor = (t: TensorSpec) => tensors.push(t) - 1;
  const quantOf = (value: string): ActivationQuant => {
    const q = plan?.values.get(value);
    if (!q) throw internal(`no int8 grid for ${value}`);
    return q;
  };
  const perTensor = (q: ActivationQuant) => ({ scales: Float32Array.of(q.scale), zeroPoints: [q.zeroPoint], axis: 0 });
  const addActivation = (value: string) => {
    const shape = graph.shapes.get(value);
    if (!shape) throw internal(`no shape for ${value}`);
    const index = addTensor(
      full
        ? { name: value, shape, type: TensorType.INT8, buffer: 0, quantization: perTensor(quantOf(value)) }
        : { name: value, shape, type: TensorType.FLOAT32, buffer: 0 },
    );
    valueIndex.set(value, index);
    return index;
  };
  const addFloatConst = (name: string, shape: number[], data: Float32Array) =>
    addTensor({ name, shape, type: TensorType.FLOAT32, buffer: addBuffer(bytesOf(data)) });
  const addIntConst = (name: string, values: number[]) =>
    addTensor({ name, shape: [values.length], type: TensorType.INT32, buffer: addBuffer(bytesOf(Int32Array.from(values))) });
  const input = (value: string) => {
    const i = valueIndex.get(value);
    if (i === undefined) throw internal(`value ${value} read before it is written`);
    return i;
  };
  const versions = full ? VERSIONS.int8 : VERSIONS.float;

  /**
   * Weights and bias of a conv/depthwise/dense op. Float; or int8 weights with float bias (dynamic
   * range, large tensors only); or, full-integer, symmetric int8 weights (per channel along `axis`,
   * per tensor for axis -1) and an int32 bias on the input-times-weight grid.
   */
  const addWeights = (op: GraphOp & { bias: Float32Array }, name: string, w: ConstTensor, axis: number) => {
    const addInt8 = (minScales?: Float32Array) => {
      const q = quantizeSymmetric(w.data, w.shape, axis, minScales);
      const index = addTensor({
        name,
        shape: w.shape,
        type: TensorType.INT8,
        buffer: addBuffer(bytesOf(q.values)),
        quantization: { scales: q.scales, axis: Math.max(0, axis) },
      });
      return { q, index };
    };
    if (full) {
      const inputScale = quantOf(op.input).scale;
      const { q, index: weights } = addInt8(biasSafeWeightScales(op.bias, inputScale));
      const b = quantizeBias(op.bias, inputScale, q.scales);
      const bias = addTensor({
        name: `${op.name}/bias`,
        shape: [op.bias.length],
        type: TensorType.INT32,
        buffer: addBuffer(bytesOf(b.values)),
        quantization: { scales: b.scales, axis: 0 },
      });
      return { weights, bias, hybrid: false };
    }
    const bias = addFloatConst(`${op.name}/bias`, [op.bias.length], op.bias);
    if (options.quantize !== 'int8' || w.data.length < MIN_ELEMENTS_TO_QUANTIZE) {
      return { weights: addFloatConst(name, w.shape, w.data), bias, hybrid: false };
    }
    return { weights: addInt8().index, bias, hybrid: true };
  };

  // The image: float as normalised, or (full-integer) uint8 pixels moved onto the int8 grid.
  let modelInput: number;
  if (full && plan) {
    const shape = graph.input.shape;
    modelInput = addTensor({ name: graph.input.name, shape, type: TensorType.UINT8, buffer: 0, quantization: perTensor(plan.input) });
    valueIndex.set(graph.input.name, modelInput);
    const int8 = addTensor({
      name: `${graph.input.name}/int8`,
      shape,
      type: TensorType.INT8,
      buffer: 0,
      quantization: perTensor(quantOf(graph.input.name)),
    });
    ops.push({ code: BuiltinOperator.QUANTIZE, version: 1, inputs: [modelInput], outputs: [int8] });
    valueIndex.set(graph.input.name, int8);
  } else {
    modelInput = addActivation(graph.input.name);
  }
  for (const op of graph.ops) ops.push(opSpec(op));

  function opSpec(op: GraphOp): OpSpec {
    const x = input(op.input);
    switch (op.kind) {
      case 'conv2d': {
        const w = addWeights(op, `${op.name}/filter`, op.filter, WEIGHT_AXIS.conv2d);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.CONV_2D,
          version: w.hybrid ? VERSIONS.hybrid.conv : versions.conv,
          inputs: [x, w.weights, w.bias],
          outputs: [y],
          options: (fb) => [
            BuiltinOptions.Conv2DOptions,
            Conv2DOptions.createConv2DOptions(fb, padding(op.padding), op.strides[1], op.strides[0], activation(op.activation), 1, 1),
          ],
        };
      }
      case 'depthwiseConv2d': {
        const w = addWeights(op, `${op.name}/filter`, op.filter, WEIGHT_AXIS.depthwiseConv2d);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.DEPTHWISE_CONV_2D,
          version: w.hybrid ? VERSIONS.hybrid.depthwise : versions.depthwise,
          inputs: [x, w.weights, w.bias],
          outputs: [y],
          options: (fb) => [
            BuiltinOptions.DepthwiseConv2DOptions,
            DepthwiseConv2DOptions.createDepthwiseConv2DOptions(
              fb,
              padding(op.padding),
              op.strides[1],
              op.strides[0],
              op.depthMultiplier,
              activation(op.activation),
              1,
              1,
            ),
          ],
        };
      }
      case 'mean': {
        const axes = addIntConst(`${op.name}/axes`, op.axes);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.MEAN,
          version: versions.mean,
          inputs: [x, axes],
          outputs: [y],
          options: (fb) => [BuiltinOptions.ReducerOptions, ReducerOptions.createReducerOptions(fb, op.keepDims)],
        };
      }
      case 'fullyConnected': {
        const w = addWeights(op, `${op.name}/weights`, op.weights, WEIGHT_AXIS.fullyConnected);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.FULLY_CONNECTED,
          version: w.hybrid ? VERSIONS.hybrid.fc : versions.fc,
          inputs: [x, w.weights, w.bias],
          outputs: [y],
          options: (fb) => [
            BuiltinOptions.FullyConnectedOptions,
            FullyConnectedOptions.createFullyConnectedOptions(fb, activation(op.activation), 0, false, false),
          ],
        };
      }
      case 'softmax': {
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.SOFTMAX,
          version: versions.softmax,
          inputs: [x],
          outputs: [y],
          options: (fb) => [BuiltinOptions.SoftmaxOptions, SoftmaxOptions.createSoftmaxOptions(fb, 1)],
        };
      }
      case 'reshape': {
        const shape = addIntConst(`${op.name}/shape`, op.shape);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.RESHAPE,
          version: 1,
          inputs: [x, shape],
          outputs: [y],
          options: (fb) => [
            BuiltinOptions.ReshapeOptions,
            ReshapeOptions.createReshapeOptions(fb, ReshapeOptions.createNewShapeVector(fb, op.shape)),
          ],
        };
      }
    }
  }

  // Outputs carry the names apps show (one per deck when stacked); full-integer ones leave as uint8,
  // the type apps and the Task Library read quantized classifiers' scores in.
  const outputs = graph.outputs.map((o) => {
    const value = input(o.value);
    if (!full) {
      tensors[value].name = o.name;
      return value;
    }
    const shape = graph.shapes.get(o.value) ?? [];
    const out = addTensor({ name: o.name, shape, type: TensorType.UINT8, buffer: 0, quantization: perTensor(asUint8(quantOf(o.value))) });
    ops.push({ code: BuiltinOperator.QUANTIZE, version: 1, inputs: [value], outputs: [out] });
    return out;
  });
  const exposed = (options.expose ?? []).map(input);

  const metadataBuffer = options.metadata ? addBuffer(options.metadata) : -1;
  return serialise({
    tensors,
    buffers,
    ops,
    inputs: [modelInput],
    outputs: [...outputs, ...exposed],
    description: options.description,
    metadataBuffer,
  });
}

function padding(p: 'same' | 'valid'): Padding {
  return p === 'same' ? Padding.SAME : Padding.VALID;
}

function activation(a: FusedActivation): ActivationFunctionType {
  return a === 'relu' ? ActivationFunctionType.RELU : a === 'relu6' ? ActivationFunctionType.RELU6 : ActivationFunctionType.NONE;
}

function internal(what: string): StudioError {
  return new StudioError('EXPORT_FAILED', `The model could not be written (${what}).`, 'Try the export again; if it fails again, report it.');
}
