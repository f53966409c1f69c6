import * as flatbuffers from 'flatbuffers';
import {
  Buffer as TflBuffer,
  BuiltinOperator,
  BuiltinOptions,
  Metadata,
  Model,
  Operator,
  OperatorCode,
  QuantizationParameters,
  SubGraph,
  Tensor,
  TensorType,
} from './generated/model/tflite';

/** Name TensorFlow Lite readers look for to find the model metadata buffer. */
export const METADATA_NAME = 'TFLITE_METADATA';
const SCHEMA_VERSION = 3;

export interface TensorQuantization {
  scales: Float32Array;
  /** One per scale; all zero when absent (symmetric weights). */
  zeroPoints?: number[];
  /** Axis the scales run along (0 when there is one scale). */
  axis: number;
}

export interface TensorSpec {
  name: string;
  shape: number[];
  type: TensorType;
  buffer: number;
  quantization?: TensorQuantization;
}

export interface OpSpec {
  code: BuiltinOperator;
  version: number;
  inputs: number[];
  outputs: number[];
  /** Absent for operators without options (QUANTIZE). */
  options?: (b: flatbuffers.Builder) => [BuiltinOptions, flatbuffers.Offset];
}

export interface Serialisable {
  tensors: TensorSpec[];
  buffers: (Uint8Array | null)[];
  ops: OpSpec[];
  inputs: number[];
  outputs: number[];
  description: string;
  metadataBuffer: number;
}

/** The model as a TensorFlow Lite FlatBuffer ("TFL3"), one subgraph. */
export function serialise(m: Serialisable): Uint8Array {
  const totalBytes = m.buffers.reduce((n, b) => n + (b?.length ?? 0), 0);
  const fb = new flatbuffers.Builder(totalBytes + 64 * 1024);

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
      const q = t.quantization;
      const scale = QuantizationParameters.createScaleVector(fb, q.scales);
      const zero = QuantizationParameters.createZeroPointVector(
        fb,
        Array.from({ length: q.scales.length }, (_, i) => BigInt(q.zeroPoints?.[i] ?? 0)),
      );
      QuantizationParameters.startQuantizationParameters(fb);
      QuantizationParameters.addScale(fb, scale);
      QuantizationParameters.addZeroPoint(fb, zero);
      QuantizationParameters.addQuantizedDimension(fb, q.axis);
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
    const [optionsType, optionsOffset] = op.options ? op.options(fb) : [BuiltinOptions.NONE, 0];
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

export function bytesOf(a: Float32Array | Int32Array | Int8Array): Uint8Array {
  // TensorFlow Lite buffers are little-endian, like every machine the studio runs on.
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
