import * as flatbuffers from 'flatbuffers';
import {
  AssociatedFile,
  AssociatedFileType,
  ColorSpaceType,
  Content,
  ContentProperties,
  CustomMetadata,
  FeatureProperties,
  ImageProperties,
  ImageSize,
  ModelMetadata,
  NormalizationOptions,
  ProcessUnit,
  ProcessUnitOptions,
  Stats,
  SubGraphMetadata,
  TensorMetadata,
} from './generated/metadata/tflite';

/**
 * Every field we write exists since metadata schema 1.0.0 (locale on associated files included):
 * the oldest parser that understands this metadata.
 */
export const MIN_PARSER_VERSION = '1.0.0';
/** Custom metadata on the subgraph came with schema 1.5.0 (older parsers skip it, with a warning). */
export const CUSTOM_METADATA_PARSER_VERSION = '1.5.0';

/** A named fact the standard fields cannot hold (the subgraph's custom_metadata). */
export interface CustomEntry {
  name: string;
  data: Uint8Array;
}

export interface LabelFile {
  /** Name inside the zip appended to the model. */
  fileName: string;
  description: string;
  /** Absent for the default file; a BCP 47 tag ("fr", "pt-BR") for a translation. */
  locale?: string;
}

export interface OutputDescription {
  name: string;
  description: string;
  /** The default (locale-free) file first, then one per language. */
  labelFiles: LabelFile[];
}

export interface ModelDescription {
  name: string;
  description: string;
  version: string;
  author: string;
  license: string;
  input: {
    name: string;
    description: string;
    width: number;
    height: number;
    mean: number[];
    std: number[];
    /** Values the tensor holds when not the normalised range (0..255 for a uint8 input). */
    range?: { min: number; max: number };
  };
  outputs: OutputDescription[];
  /** Values the output tensors hold when not probabilities 0..1 (0..255 for uint8 outputs). */
  outputRange?: { min: number; max: number };
  custom?: CustomEntry[];
}

/** Builds the ModelMetadata FlatBuffer ("M001") that goes into the TFLITE_METADATA buffer. */
export function buildModelMetadata(d: ModelDescription): Uint8Array {
  const fb = new flatbuffers.Builder(4096);
  const str = (s: string) => fb.createString(s);

  const inputTensor = (() => {
    const size = ImageSize.createImageSize(fb, d.input.width, d.input.height);
    ImageProperties.startImageProperties(fb);
    ImageProperties.addColorSpace(fb, ColorSpaceType.RGB);
    ImageProperties.addDefaultSize(fb, size);
    const props = ImageProperties.endImageProperties(fb);
    const content = contentOf(fb, ContentProperties.ImageProperties, props);
    const norm = NormalizationOptions.createNormalizationOptions(
      fb,
      NormalizationOptions.createMeanVector(fb, d.input.mean),
      NormalizationOptions.createStdVector(fb, d.input.std),
    );
    const unit = ProcessUnit.createProcessUnit(fb, ProcessUnitOptions.NormalizationOptions, norm);
    // The range the input tensor spans: pixel values 0 and 255 through (x - mean) / std, or, for a
    // quantized input, the pixel bytes themselves (the normalisation then lives in its quantisation,
    // as the metadata schema documents for quantized models).
    const r = d.input.range;
    const max = d.input.mean.map((m, i) => (r ? r.max : (255 - m) / d.input.std[i]));
    const min = d.input.mean.map((m, i) => (r ? r.min : (0 - m) / d.input.std[i]));
    const stats = Stats.createStats(fb, Stats.createMaxVector(fb, max), Stats.createMinVector(fb, min));
    return tensorMetadata(fb, {
      name: str(d.input.name),
      description: str(d.input.description),
      content,
      processUnits: TensorMetadata.createProcessUnitsVector(fb, [unit]),
      stats,
      files: 0,
    });
  })();

  const outputTensors = d.outputs.map((out) => {
    const props = FeatureProperties.createFeatureProperties(fb);
    const content = contentOf(fb, ContentProperties.FeatureProperties, props);
    const range = d.outputRange ?? { min: 0, max: 1 };
    const stats = Stats.createStats(fb, Stats.createMaxVector(fb, [range.max]), Stats.createMinVector(fb, [range.min]));
    const files = out.labelFiles.map((f) =>
      AssociatedFile.createAssociatedFile(
        fb,
        str(f.fileName),
        str(f.description),
        AssociatedFileType.TENSOR_AXIS_LABELS,
        f.locale ? str(f.locale) : 0,
      ),
    );
    return tensorMetadata(fb, {
      name: str(out.name),
      description: str(out.description),
      content,
      processUnits: 0,
      stats,
      files: TensorMetadata.createAssociatedFilesVector(fb, files),
    });
  });

  const custom = d.custom ?? [];
  const customEntries = custom.map((c) => CustomMetadata.createCustomMetadata(fb, str(c.name), alignedBytes(fb, c.data, 16)));
  const subgraph = SubGraphMetadata.createSubGraphMetadata(
    fb,
    str(d.name),
    str(d.description),
    SubGraphMetadata.createInputTensorMetadataVector(fb, [inputTensor]),
    SubGraphMetadata.createOutputTensorMetadataVector(fb, outputTensors),
    0,
    customEntries.length > 0 ? SubGraphMetadata.createCustomMetadataVector(fb, customEntries) : 0,
  );
  const root = ModelMetadata.createModelMetadata(
    fb,
    str(d.name),
    str(d.description),
    str(d.version),
    ModelMetadata.createSubgraphMetadataVector(fb, [subgraph]),
    str(d.author),
    str(d.license),
    0,
    str(custom.length > 0 ? CUSTOM_METADATA_PARSER_VERSION : MIN_PARSER_VERSION),
  );
  ModelMetadata.finishModelMetadataBuffer(fb, root);
  return fb.asUint8Array().slice();
}

/** A byte vector starting on an `align`-byte boundary (the schema's force_align, which flatc's TypeScript leaves out). */
function alignedBytes(fb: flatbuffers.Builder, data: Uint8Array, align: number): number {
  fb.startVector(1, data.length, align);
  for (let i = data.length - 1; i >= 0; i--) fb.addInt8(data[i]);
  return fb.endVector();
}

function contentOf(fb: flatbuffers.Builder, type: ContentProperties, props: number): number {
  Content.startContent(fb);
  Content.addContentPropertiesType(fb, type);
  Content.addContentProperties(fb, props);
  return Content.endContent(fb);
}

function tensorMetadata(
  fb: flatbuffers.Builder,
  t: { name: number; description: number; content: number; processUnits: number; stats: number; files: number },
): number {
  TensorMetadata.startTensorMetadata(fb);
  TensorMetadata.addName(fb, t.name);
  TensorMetadata.addDescription(fb, t.description);
  TensorMetadata.addContent(fb, t.content);
  if (t.processUnits) TensorMetadata.addProcessUnits(fb, t.processUnits);
  TensorMetadata.addStats(fb, t.stats);
  if (t.files) TensorMetadata.addAssociatedFiles(fb, t.files);
  return TensorMetadata.endTensorMetadata(fb);
}
