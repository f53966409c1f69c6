import * as flatbuffers from 'flatbuffers';
import { StudioError } from '../../../shared/errors';
import type { ExportGraph, FusedActivation, GraphOp } from '../graph/export-graph';
import {
  ActivationFunctionType,
  Buffer as TflBuffer,
  BuiltinOperator,
  BuiltinOptions,
  Conv2DOptions,
  DepthwiseConv2DOptions,
  FullyConnectedOptions,
  Metadata,
  Model,
  Operator,
  OperatorCode,
  Padding,
  QuantizationParameters,
  ReducerOptions,
  ReshapeOptions,
  SoftmaxOptions,
  SubGraph,
  Tensor,
  TensorType,
} from './generated/model/tflite';
import { MIN_ELEMENTS_TO_QUANTIZE, quantizeSymmetric, type QuantizedWeights } from './quantize';

/** Name TensorFlow Lite readers look for to find the model metadata buffer. */
export const METADATA_NAME = 'TFLITE_METADATA';
const SCHEMA_VERSION = 3;

export interface TfliteWriteOptions {
  description: string;
  /** 'int8': dynamic-range weight quantisation (hybrid kernels); default float32. */
  quantize?: 'int8';
  /** A ModelMetadata flatbuffer ("M001") stored in the TFLITE_METADATA buffer. */
  metadata?: Uint8Array;
}

interface TensorSpec {
  name: string;
  shape: number[];
  type: TensorType;
  buffer: number;
  quantization?: { scales: Float32Array; axis: number };
}

interface OpSpec {
  code: BuiltinOperator;
  version: number;
  inputs: number[];
  outputs: number[];
  options: (b: flatbuffers.Builder) => [BuiltinOptions, flatbuffers.Offset];
}

/** Writes an ExportGraph as a .tflite FlatBuffer (one subgraph, float32 activations). */
export function writeTflite(graph: ExportGraph, options: TfliteWriteOptions): Uint8Array {
  const tensors: TensorSpec[] = [];
  // Buffer 0 is the empty sentinel every activation tensor points at.
  const buffers: (Uint8Array | null)[] = [null];
  const valueIndex = new Map<string, number>();
  const ops: OpSpec[] = [];

  const addBuffer = (bytes: Uint8Array) => buffers.push(bytes) - 1;
  const addActivation = (value: string) => {
    const shape = graph.shapes.get(value);
    if (!shape) throw internal(`no shape for ${value}`);
    const index = tensors.push({ name: value, shape, type: TensorType.FLOAT32, buffer: 0 }) - 1;
    valueIndex.set(value, index);
    return index;
  };
  const addFloatConst = (name: string, shape: number[], data: Float32Array) =>
    tensors.push({ name, shape, type: TensorType.FLOAT32, buffer: addBuffer(bytesOf(data)) }) - 1;
  const addIntConst = (name: string, values: number[]) =>
    tensors.push({ name, shape: [values.length], type: TensorType.INT32, buffer: addBuffer(bytesOf(Int32Array.from(values))) }) - 1;
  /** Weights as float32, or int8 with per-channel scales when quantising and large enough. */
  const addWeights = (name: string, shape: number[], data: Float32Array, axis: number) => {
    if (options.quantize !== 'int8' || data.length < MIN_ELEMENTS_TO_QUANTIZE) {
      return { index: addFloatConst(name, shape, data), hybrid: false };
    }
    const q: QuantizedWeights = quantizeSymmetric(data, shape, axis);
    const index =
      tensors.push({
        name,
        shape,
        type: TensorType.INT8,
        buffer: addBuffer(bytesOf(q.values)),
        quantization: { scales: q.scales, axis: Math.max(0, axis) },
      }) - 1;
    return { index, hybrid: true, perChannel: axis >= 0 };
  };
  const input = (value: string) => {
    const i = valueIndex.get(value);
    if (i === undefined) throw internal(`value ${value} read before it is written`);
    return i;
  };

  addActivation(graph.input.name);
  for (const op of graph.ops) ops.push(opSpec(op));

  function opSpec(op: GraphOp): OpSpec {
    const x = input(op.input);
    switch (op.kind) {
      case 'conv2d': {
        const w = addWeights(`${op.name}/filter`, op.filter.shape, op.filter.data, 0);
        const b = addFloatConst(`${op.name}/bias`, [op.bias.length], op.bias);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.CONV_2D,
          version: w.hybrid ? 5 : 1,
          inputs: [x, w.index, b],
          outputs: [y],
          options: (fb) => [
            BuiltinOptions.Conv2DOptions,
            Conv2DOptions.createConv2DOptions(fb, padding(op.padding), op.strides[1], op.strides[0], activation(op.activation), 1, 1),
          ],
        };
      }
      case 'depthwiseConv2d': {
        const w = addWeights(`${op.name}/filter`, op.filter.shape, op.filter.data, 3);
        const b = addFloatConst(`${op.name}/bias`, [op.bias.length], op.bias);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.DEPTHWISE_CONV_2D,
          version: w.hybrid ? 6 : 1,
          inputs: [x, w.index, b],
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
          version: 1,
          inputs: [x, axes],
          outputs: [y],
          options: (fb) => [BuiltinOptions.ReducerOptions, ReducerOptions.createReducerOptions(fb, op.keepDims)],
        };
      }
      case 'fullyConnected': {
        const w = addWeights(`${op.name}/weights`, op.weights.shape, op.weights.data, -1);
        const b = addFloatConst(`${op.name}/bias`, [op.bias.length], op.bias);
        const y = addActivation(op.output);
        return {
          code: BuiltinOperator.FULLY_CONNECTED,
          version: w.hybrid ? 3 : 1,
          inputs: [x, w.index, b],
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
          version: 1,
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

  const metadataBuffer = options.metadata ? addBuffer(options.metadata) : -1;
  return serialise({
    tensors,
    buffers,
    ops,
    inputs: [valueIndex.get(graph.input.name) ?? 0],
    outputs: graph.outputs.map((o) => input(o.value)),
    outputNames: graph.outputs.map((o) => o.name),
    description: options.description,
    metadataBuffer,
  });
}

interface Serialisable {
  tensors: TensorSpec[];
  buffers: (Uint8Array | null)[];
  ops: OpSpec[];
  inputs: number[];
  outputs: number[];
  outputNames: string[];
  description: string;
  metadataBuffer: number;
}

function serialise(m: Serialisable): Uint8Array {
  const totalBytes = m.buffers.reduce((n, b) => n + (b?.length ?? 0), 0);
  const fb = new flatbuffers.Builder(totalBytes + 64 * 1024);

  // Output tensors carry the names apps show (one per deck when stacked).
  m.outputs.forEach((t, i) => (m.tensors[t].name = m.outputNames[i]));

  // Large data first: each weight vector starts on a 16-byte boundary, as TensorFlow Lite's format asks.
  const bufferOffsets = m.buffers.map((bytes) => {
    if (!bytes || bytes.length === 0) {
      TflBuffer.startBuffer(fb);
      return TflBuffer.endBuffer(fb);
    }
    fb.prep(16, bytes.length);
    const data = fb.createByteVector(bytes);
    return TflBuffer.createBuffer(fb, data);
  });

  const codes: { code: BuiltinOperator; version: number }[] = [];
  const opcodeIndex = (code: BuiltinOperator, version: number) => {
    let i = codes.findIndex((c) => c.code === code && c.version === version);
    if (i < 0) i = codes.push({ code, version }) - 1;
    return i;
  };

  const tensorOffsets = m.tensors.map((t) => {
    const name = fb.createString(t.name);
    const shape = Tensor.createShapeVector(fb, t.shape);
    let quant = 0;
    if (t.quantization) {
      const scale = QuantizationParameters.createScaleVector(fb, t.quantization.scales);
      const zero = QuantizationParameters.createZeroPointVector(fb, new Array<bigint>(t.quantization.scales.length).fill(BigInt(0)));
      QuantizationParameters.startQuantizationParameters(fb);
      QuantizationParameters.addScale(fb, scale);
      QuantizationParameters.addZeroPoint(fb, zero);
      QuantizationParameters.addQuantizedDimension(fb, t.quantization.axis);
      quant = QuantizationParameters.endQuantizationParameters(fb);
    }
    Tensor.startTensor(fb);
    Tensor.addShape(fb, shape);
    Tensor.addType(fb, t.type);
    Tensor.addBuffer(fb, t.buffer);
    Tensor.addName(fb, name);
    if (quant) Tensor.addQuantization(fb, quant);
    return Tensor.endTensor(fb);
  });

  const operatorOffsets = m.ops.map((op) => {
    const [optionsType, optionsOffset] = op.options(fb);
    const inputs = Operator.createInputsVector(fb, op.inputs);
    const outputs = Operator.createOutputsVector(fb, op.outputs);
    return Operator.createOperator(fb, opcodeIndex(op.code, op.version), inputs, outputs, optionsType, optionsOffset);
  });

  const subgraph = SubGraph.createSubGraph(
    fb,
    SubGraph.createTensorsVector(fb, tensorOffsets),
    SubGraph.createInputsVector(fb, m.inputs),
    SubGraph.createOutputsVector(fb, m.outputs),
    SubGraph.createOperatorsVector(fb, operatorOffsets),
    fb.createString('main'),
  );

  const codeOffsets = codes.map((c) =>
    // Codes below 127 also go in the old byte-sized field that older runtimes read.
    OperatorCode.createOperatorCode(fb, Math.min(c.code, 127), 0, c.version, c.code),
  );

  let metadataVector = 0;
  let metadataBufferVector = 0;
  if (m.metadataBuffer >= 0) {
    const entry = Metadata.createMetadata(fb, fb.createString(METADATA_NAME), m.metadataBuffer);
    metadataVector = Model.createMetadataVector(fb, [entry]);
    metadataBufferVector = Model.createMetadataBufferVector(fb, [m.metadataBuffer]);
  }

  const model = Model.createModel(
    fb,
    SCHEMA_VERSION,
    Model.createOperatorCodesVector(fb, codeOffsets),
    Model.createSubgraphsVector(fb, [subgraph]),
    fb.createString(m.description),
    Model.createBuffersVector(fb, bufferOffsets),
    metadataBufferVector,
    metadataVector,
  );
  Model.finishModelBuffer(fb, model);
  return fb.asUint8Array().slice();
}

function bytesOf(a: Float32Array | Int32Array | Int8Array): Uint8Array {
  // TensorFlow Lite buffers are little-endian, like every machine the studio runs on.
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
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
