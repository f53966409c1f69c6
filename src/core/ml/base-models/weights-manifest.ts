import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { entryKindSync, isPlainFileName, realFileInsideSync } from '../../fs/safe-path';

/** The parts of a TF.js model.json this code reads. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

export interface ModelJson {
  modelTopology: unknown;
  weightsManifest: WeightGroup[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  complex64: 8,
};

/** Bytes a weight group occupies on disk: sum over its weights of (elements x stored dtype size). */
export function expectedGroupBytes(group: WeightGroup): number {
  let total = 0;
  for (const w of group.weights) {
    const dtype = w.quantization?.dtype ?? w.dtype;
    const size = DTYPE_BYTES[dtype];
    if (size === undefined) throw invalidModel(`Weight "${w.name}" has a type (${dtype}) the studio cannot read.`);
    total += w.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}

function invalidModel(message: string): StudioError {
  return new StudioError('MODEL_INVALID', message, 'Use a TensorFlow.js layers model (model.json with its weight files).');
}

/** Reads and checks the shape of model.json in `dir`. */
export function readModelJson(dir: string): ModelJson {
  const file = modelFileInside(dir, 'model.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new StudioError(
      'MODEL_INCOMPLETE',
      `The base model in ${dir} is incomplete: model.json is missing.`,
      'Download the base model again, or import it from a folder that holds model.json and all its weight files.',
      { file },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidModel(`${file} is not valid JSON.`);
  }
  const m = json as Partial<ModelJson>;
  if (typeof m !== 'object' || m === null || !m.modelTopology || !Array.isArray(m.weightsManifest)) {
    throw invalidModel(`${file} is not a TensorFlow.js layers model (no modelTopology or weightsManifest).`);
  }
  checkWeightPaths(m.weightsManifest, file);
  return m as ModelJson;
}

/**
 * Every weight file a manifest names must be a plain file name beside model.json: a manifest from
 * a USB stick or a download is untrusted, and "../../.bashrc" or "/etc/x" would otherwise be
 * joined onto the cache folder when the model is copied or downloaded. `where` names the manifest.
 */
export function checkWeightPaths(manifest: unknown, where: string): void {
  if (!Array.isArray(manifest)) throw invalidModel(`${where} has no list of weight files (weightsManifest).`);
  for (const group of manifest as Partial<WeightGroup>[]) {
    if (typeof group !== 'object' || group === null || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw invalidModel(`${where} has a weight group without "paths" and "weights" lists.`);
    }
    for (const p of group.paths as unknown[]) {
      if (typeof p === 'string' && isPlainFileName(p)) continue;
      const shown = typeof p === 'string' ? p.slice(0, 200) : JSON.stringify(p);
      throw new StudioError(
        'MODEL_INVALID',
        `The base model's list of weight files (${where}) names "${shown}", which is not a plain file name in the model's folder; the studio refuses it so that nothing outside the folder is read or written.`,
        'Use the model as its converter wrote it: model.json and its weight files side by side in one folder, with plain names such as "group1-shard1of1.bin".',
        { entry: p },
      );
    }
  }
}

/**
 * `<dir>/<name>` when it is a regular file whose real path stays inside `dir` (a link to a file
 * beside it is fine); a link leading out of the folder is refused naming it; a missing file is
 * returned as the plain path so the caller reports it as missing.
 */
export function modelFileInside(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (entryKindSync(file) !== 'link') return file;
  const real = realFileInsideSync(dir, file);
  if (real) return real;
  throw new StudioError(
    'MODEL_INVALID',
    `The base model file "${name}" in ${dir} is a symbolic link that leads outside the model's folder (or to nothing); the studio does not follow it.`,
    'Copy the real file into the model folder in place of the link, then import the model again.',
    { entry: name, file },
  );
}

function incomplete(dir: string, file: string, detail: string): StudioError {
  return new StudioError(
    'MODEL_INCOMPLETE',
    `The base model in ${dir} is incomplete: ${detail}.`,
    'Download the base model again (delete its folder from the model cache first), or import it from a complete folder.',
    { file: path.join(dir, file) },
  );
}

/**
 * Checks that every shard named by the weights manifest is present with the size its shapes imply,
 * and names the first file that is not. Converters cut a group into equal shards with a shorter
 * last one, so a short shard before the last is the truncated one.
 */
export function verifyModelFiles(dir: string, model: ModelJson = readModelJson(dir)): void {
  checkWeightPaths(model.weightsManifest, 'model.json');
  for (const group of model.weightsManifest) {
    const sizes: number[] = [];
    for (const p of group.paths) {
      const st = fs.statSync(modelFileInside(dir, p), { throwIfNoEntry: false });
      if (!st || !st.isFile()) throw incomplete(dir, p, `the weight file "${p}" is missing`);
      sizes.push(st.size);
    }
    const expected = expectedGroupBytes(group);
    const actual = sizes.reduce((a, b) => a + b, 0);
    if (actual === expected) continue;
    const shardSize = sizes[0];
    let culprit = group.paths.length - 1;
    for (let i = 0; i < sizes.length - 1; i++) {
      if (sizes[i] !== shardSize) {
        culprit = i;
        break;
      }
    }
    const file = group.paths[culprit];
    const how = actual < expected ? `${expected - actual} bytes short` : `${actual - expected} bytes too long`;
    throw incomplete(dir, file, `the weight file "${file}" is ${how} (truncated or damaged download)`);
  }
}
