import * as flatbuffers from 'flatbuffers';
import { unzipSync } from 'fflate';
import { AssociatedFileType, ModelMetadata, NormalizationOptions, ProcessUnitOptions, type TensorMetadata } from './generated/metadata/tflite';
import { Model, TensorType } from './generated/model/tflite';
import { METADATA_NAME } from './tflite-serialise';

export interface ReadLabelFile {
  name: string;
  locale: string | null;
  /** Lines of the file, in output order. */
  labels: string[];
}

export interface ReadTensor {
  name: string;
  shape: number[];
  type: 'float32' | 'int32' | 'int8' | 'uint8' | 'other';
  /** real = (q - zeroPoint) * scale; one entry per tensor, or per channel along `axis`. */
  quantization: { scale: number[]; zeroPoint: number[]; axis: number } | null;
  /** A constant's bytes (weights, bias); null for values computed at run time. */
  data: Uint8Array | null;
}

/** The real values a constant int8 or int32 tensor stands for: (q - zeroPoint) * scale, per channel. */
export function dequantizeTensor(t: ReadTensor): Float32Array {
  const q = t.quantization;
  if (!t.data || !q) throw new Error(`${t.name} is not a quantised constant`);
  const bytes = t.data;
  const values = t.type === 'int8' ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) : new Int32Array(bytes.slice().buffer);
  const channels = q.scale.length;
  const inner = channels === 1 ? values.length : t.shape.slice(q.axis + 1).reduce((a, b) => a * b, 1);
  return Float32Array.from(values, (v, i) => {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    return (v - q.zeroPoint[c]) * q.scale[c];
  });
}

/** What a .tflite says about itself, read back with our generated FlatBuffer readers. */
export interface TfliteSummary {
  description: string;
  inputs: ReadTensor[];
  outputs: ReadTensor[];
  /** Every tensor of the subgraph, in index order. */
  tensors: ReadTensor[];
  /** Operator codes used, e.g. ["CONV_2D", ...] as numbers. */
  operatorCodes: number[];
  metadata: {
    name: string;
    description: string;
    version: string;
    author: string;
    minParserVersion: string;
    normalization: { mean: number[]; std: number[] } | null;
    /** The input tensor's Stats: the values it holds. */
    inputStats: { min: number[]; max: number[] } | null;
    outputs: { name: string; description: string; labelFiles: ReadLabelFile[] }[];
    /** The subgraph's custom metadata entries: name -> data read as UTF-8. */
    custom: Record<string, string>;
  } | null;
  /** Names of the files in the appended zip. */
  associatedFiles: string[];
}

const TYPES: Record<number, ReadTensor['type']> = {
  [TensorType.FLOAT32]: 'float32',
  [TensorType.INT32]: 'int32',
  [TensorType.INT8]: 'int8',
  [TensorType.UINT8]: 'uint8',
};

export function readTflite(bytes: Uint8Array): TfliteSummary {
  const bb = new flatbuffers.ByteBuffer(bytes);
  if (!Model.bufferHasIdentifier(bb)) throw new Error('not a TensorFlow Lite model (no "TFL3" identifier)');
  const model = Model.getRootAsModel(bb);
  const subgraph = model.subgraphs(0);
  if (!subgraph) throw new Error('model without a subgraph');
  const tensorAt = (i: number): ReadTensor => {
    const t = subgraph.tensors(i);
    const type = t?.type();
    const q = t?.quantization();
    const scale = Array.from(q?.scaleArray() ?? []);
    const data = t && t.buffer() > 0 ? (model.buffers(t.buffer())?.dataArray() ?? null) : null;
    return {
      name: String(t?.name() ?? ''),
      shape: Array.from(t?.shapeArray() ?? []),
      type: TYPES[type ?? -1] ?? 'other',
      quantization:
        q && scale.length > 0
          ? { scale, zeroPoint: Array.from({ length: q.zeroPointLength() }, (_, i) => Number(q.zeroPoint(i) ?? 0)), axis: q.quantizedDimension() }
          : null,
      data: data && data.length > 0 ? data : null,
    };
  };
  const files = readZip(bytes);
  const operatorCodes: number[] = [];
  for (let i = 0; i < model.operatorCodesLength(); i++) operatorCodes.push(model.operatorCodes(i)?.builtinCode() ?? -1);
  return {
    description: String(model.description() ?? ''),
    inputs: Array.from(subgraph.inputsArray() ?? [], tensorAt),
    outputs: Array.from(subgraph.outputsArray() ?? [], tensorAt),
    tensors: Array.from({ length: subgraph.tensorsLength() }, (_, i) => tensorAt(i)),
    operatorCodes,
    metadata: readMetadata(model, files),
    associatedFiles: Object.keys(files),
  };
}

/** The associated files packed after the FlatBuffer (empty when there are none). */
export function readAssociatedFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  return readZip(bytes);
}

function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch {
    return {};
  }
}

function readMetadata(model: Model, files: Record<string, Uint8Array>): TfliteSummary['metadata'] {
  let bufferIndex = -1;
  for (let i = 0; i < model.metadataLength(); i++) {
    const m = model.metadata(i);
    if (m?.name() === METADATA_NAME) bufferIndex = m.buffer();
  }
  if (bufferIndex < 0) return null;
  const data = model.buffers(bufferIndex)?.dataArray();
  if (!data) return null;
  const bb = new flatbuffers.ByteBuffer(data);
  if (!ModelMetadata.bufferHasIdentifier(bb)) throw new Error('metadata buffer without the "M001" identifier');
  const meta = ModelMetadata.getRootAsModelMetadata(bb);
  const sub = meta.subgraphMetadata(0);
  const input = sub?.inputTensorMetadata(0) ?? null;
  const outputs: { name: string; description: string; labelFiles: ReadLabelFile[] }[] = [];
  for (let i = 0; i < (sub?.outputTensorMetadataLength() ?? 0); i++) {
    const out = sub?.outputTensorMetadata(i);
    if (out) outputs.push({ name: String(out.name() ?? ''), description: String(out.description() ?? ''), labelFiles: labelFilesOf(out, files) });
  }
  const custom: Record<string, string> = {};
  for (let i = 0; i < (sub?.customMetadataLength() ?? 0); i++) {
    const entry = sub?.customMetadata(i);
    if (entry) custom[String(entry.name() ?? '')] = new TextDecoder().decode(entry.dataArray() ?? new Uint8Array());
  }
  return {
    name: String(meta.name() ?? ''),
    description: String(meta.description() ?? ''),
    version: String(meta.version() ?? ''),
    author: String(meta.author() ?? ''),
    minParserVersion: String(meta.minParserVersion() ?? ''),
    normalization: input ? normalizationOf(input) : null,
    inputStats: input?.stats() ? { min: Array.from(input.stats()?.minArray() ?? []), max: Array.from(input.stats()?.maxArray() ?? []) } : null,
    outputs,
    custom,
  };
}

function normalizationOf(t: TensorMetadata): { mean: number[]; std: number[] } | null {
  for (let i = 0; i < t.processUnitsLength(); i++) {
    const unit = t.processUnits(i);
    if (unit?.optionsType() === ProcessUnitOptions.NormalizationOptions) {
      const n = unit.options(new NormalizationOptions()) as NormalizationOptions;
      return { mean: Array.from(n.meanArray() ?? []), std: Array.from(n.stdArray() ?? []) };
    }
  }
  return null;
}

function labelFilesOf(t: TensorMetadata, files: Record<string, Uint8Array>): ReadLabelFile[] {
  const out: ReadLabelFile[] = [];
  for (let i = 0; i < t.associatedFilesLength(); i++) {
    const f = t.associatedFiles(i);
    if (!f || f.type() !== AssociatedFileType.TENSOR_AXIS_LABELS) continue;
    const name = String(f.name() ?? '');
    const data = files[name];
    const text = data ? new TextDecoder().decode(data) : '';
    out.push({ name, locale: f.locale() ? String(f.locale()) : null, labels: text.split('\n').filter((l) => l.length > 0) });
  }
  return out;
}
