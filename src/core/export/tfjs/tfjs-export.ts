import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LanguageCode } from '../../../shared/domain';
import type { Normalization } from '../../../shared/api/training';
import { fileModelHandler } from '../../ml/base-models/file-io-handler';
import { backgroundLabel, distinctFileNames, keyLabels, vocabularyFile, type VocabularyClass, type VocabularyFile } from '../vocabulary';

export interface TfjsDeck {
  name: string;
  classes: VocabularyClass[];
}

export interface TfjsExportInput {
  /** The inference model; one output per deck, in `decks` order. */
  model: tf.LayersModel;
  decks: TfjsDeck[];
  languages: LanguageCode[];
  inputSize: number;
  normalization: Normalization;
  modelName: string;
  appVersion: string;
  baseModelId: string;
}

/**
 * What Teachable Machine's image library (`tmImage.load(model.json, metadata.json)`) reads:
 * `labels` in output order plus the fields it fills in when missing. Our own facts (words,
 * normalisation, base model) go in `userMetadata`, which it carries along untouched.
 */
export interface TmCompatibleMetadata {
  tfjsVersion: string;
  /** Generation of Teachable Machine's export layout this folder follows. */
  tmVersion: string;
  packageVersion: string;
  packageName: string;
  modelName: string;
  timeStamp: string;
  labels: string[];
  imageSize: number;
  grayscale: boolean;
  userMetadata: {
    generator: string;
    baseModelId: string;
    /** The model expects (pixel - mean) / std per RGB channel, pixels 0..255. */
    normalization: Normalization;
    languages: LanguageCode[];
    /**
     * One entry per output (several when decks are stacked); `background` is the label of that
     * deck's "Nothing I know" class (show and say nothing when it wins), or null.
     */
    outputs: { name: string; labels: string[]; background: string | null }[];
  };
}

/**
 * Writes a TF.js layers model folder: model.json + weights.bin (one shard), metadata.json,
 * labels.txt and vocabulary.json (for stacked decks, one labels file per deck as well).
 * Returns the names of the files written.
 */
export async function writeTfjsExport(dir: string, input: TfjsExportInput): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  await input.model.save(fileModelHandler(dir));
  const stacked = input.decks.length > 1;
  const first = input.decks[0];
  const metadata: TmCompatibleMetadata = {
    tfjsVersion: tf.version.tfjs,
    tmVersion: '2',
    packageVersion: '0.8.5',
    packageName: '@teachablemachine/image',
    modelName: input.modelName,
    timeStamp: new Date().toISOString(),
    labels: first.classes.map((c) => c.key),
    imageSize: input.inputSize,
    grayscale: false,
    userMetadata: {
      generator: `Magritte Studio ${input.appVersion}`,
      baseModelId: input.baseModelId,
      normalization: input.normalization,
      languages: input.languages,
      outputs: input.decks.map((d) => ({ name: d.name, labels: d.classes.map((c) => c.key), background: backgroundLabel(d.classes) })),
    },
  };
  const written = ['model.json', 'weights.bin'];
  const put = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    written.push(name);
  };
  put('metadata.json', JSON.stringify(metadata, null, 2) + '\n');
  put('labels.txt', keyLabels(first.classes));
  if (stacked) {
    const stems = distinctFileNames(input.decks.map((d) => d.name));
    input.decks.forEach((d, i) => put(`${stems[i]}_labels.txt`, keyLabels(d.classes)));
  }
  const vocab: VocabularyFile | { decks: VocabularyFile[] } = stacked
    ? { decks: input.decks.map((d) => vocabularyFile(d.name, d.classes, input.languages)) }
    : vocabularyFile(first.name, first.classes, input.languages);
  put('vocabulary.json', JSON.stringify(vocab, null, 2) + '\n');
  return written;
}
