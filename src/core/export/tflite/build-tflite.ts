import type * as tf from '@tensorflow/tfjs';
import type { LanguageCode } from '../../../shared/domain';
import type { Normalization } from '../../../shared/api/training';
import type { ExportGraph } from '../graph/export-graph';
import { graphFromLayersModel } from '../graph/graph-from-layers';
import { backgroundLabel, backgroundSentence, distinctFileNames, keyLabels, wordLabels, type VocabularyClass } from '../vocabulary';
import { appendAssociatedFiles } from './associated-files';
import { planFullInt8 } from './full-int8-plan';
import type { ValueRange } from './quantize';
import { buildModelMetadata, type CustomEntry, type LabelFile } from './tflite-metadata';
import { writeTflite, type TfliteQuantization } from './tflite-writer';

export interface TfliteDeck {
  name: string;
  classes: VocabularyClass[];
}

export interface TfliteBuildInput {
  /** The inference model: one output per deck, in `decks` order. */
  model: tf.LayersModel;
  decks: TfliteDeck[];
  languages: LanguageCode[];
  inputSize: number;
  normalization: Normalization;
  name: string;
  description: string;
  version: string;
  author: string;
  quantize?: TfliteQuantization;
  /** With 'full-int8': the range of every graph value on the calibration photos (calibrateRanges). */
  calibration?: ReadonlyMap<string, ValueRange>;
}

/** The network as the .tflite describes it (outputs named after the decks). */
export function tfliteGraph(input: Pick<TfliteBuildInput, 'model' | 'decks'>): ExportGraph {
  return graphFromLayersModel(
    input.model,
    input.decks.map((d) => d.name),
  );
}

/**
 * The complete .tflite: the network, its metadata (normalisation, one output per deck with a
 * default label file of class keys and one label file per language) and the label files packed
 * after it, so labels and translations travel inside the model file.
 */
export function buildTflite(input: TfliteBuildInput): Uint8Array {
  const stacked = input.decks.length > 1;
  const graph = tfliteGraph(input);
  const full = input.quantize === 'full-int8';
  const plan = full ? planFullInt8(graph, input.calibration ?? new Map(), input.normalization) : undefined;
  const files: Record<string, Uint8Array> = {};
  const encode = (s: string) => new TextEncoder().encode(s);

  const stems = distinctFileNames(input.decks.map((d) => d.name));
  const outputs = input.decks.map((deck, i) => {
    const prefix = stacked ? `${stems[i]}_` : '';
    const defaultFile = `${prefix}labels.txt`;
    files[defaultFile] = encode(keyLabels(deck.classes));
    const labelFiles: LabelFile[] = [{ fileName: defaultFile, description: `Class keys of ${deck.name}, in output order.` }];
    for (const lang of input.languages) {
      const fileName = `${prefix}labels_${lang}.txt`;
      files[fileName] = encode(wordLabels(deck.classes, lang));
      labelFiles.push({ fileName, description: `Words of ${deck.name} in "${lang}", in output order.`, locale: lang });
    }
    return {
      name: deck.name,
      description: `${
        full
          ? `Probability of each of the ${deck.classes.length} classes of ${deck.name}, as uint8 (probability = value / 256: the tensor's quantisation).`
          : `Probability of each of the ${deck.classes.length} classes of ${deck.name}.`
      } ${backgroundSentence(deck.classes)}`.trim(),
      labelFiles,
    };
  });
  const marked = input.decks.some((d) => backgroundLabel(d.classes) !== null);

  const metadata = buildModelMetadata({
    name: input.name,
    description: input.description,
    version: input.version,
    author: input.author,
    license: 'Trained in Magritte Studio; base network under its own licence.',
    input: {
      name: 'image',
      description: plan
        ? `RGB photo, ${input.inputSize}x${input.inputSize}, as uint8 pixels 0-255: the tensor's quantisation (scale ${plan.input.scale.toPrecision(6)}, zero point ${plan.input.zeroPoint}) applies the normalisation (x - mean) / std.`
        : `RGB photo, ${input.inputSize}x${input.inputSize}, each channel normalised as (x - mean) / std.`,
      width: input.inputSize,
      height: input.inputSize,
      mean: [...input.normalization.mean],
      std: [...input.normalization.std],
      // A uint8 tensor holds the pixels themselves.
      range: plan ? { min: 0, max: 255 } : undefined,
    },
    outputRange: plan ? { min: 0, max: 255 } : undefined,
    outputs,
    custom: marked ? [backgroundMetadata(input.decks)] : [],
  });

  const flat = writeTflite(graph, { description: input.description, quantize: input.quantize, plan, metadata });
  return appendAssociatedFiles(flat, files);
}

/** Name of the custom metadata entry that says which label of each output is the background. */
export const BACKGROUND_METADATA = 'magritte.background';

/** Each output's background as JSON an app reads once: `{"outputs": [{"name", "label", "index"}]}` (null when none). */
function backgroundMetadata(decks: TfliteDeck[]): CustomEntry {
  const outputs = decks.map((d) => {
    const label = backgroundLabel(d.classes);
    return { name: d.name, label, index: label === null ? null : d.classes.findIndex((c) => c.background) };
  });
  return { name: BACKGROUND_METADATA, data: new TextEncoder().encode(JSON.stringify({ outputs })) };
}
