import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BaseModelInfo, BaseModelManifestEntry } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import type { ResolvedOptions } from '../../options';
import { IMPORTED_ENTRY_FILE, findBaseModelEntry, requireBaseModelEntry } from './base-model-catalog';
import { downloadBaseModel, type DownloadProgress } from './base-model-download';
import { isSafeId, listBaseModelInfos, locateBaseModel } from './base-model-locator';
import { loadBaseModel, truncateAt } from '../features/feature-extractor';
import { joinInside, READ_NO_FOLLOW, writeFileInsideSync } from '../../fs/safe-path';
import { modelFileInside, readModelJson, verifyModelFiles } from './weights-manifest';

type ModelOptions = Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath' | 'modelBaseUrl'> & Partial<Pick<ResolvedOptions, 'dataDir'>>;

export interface ReadyBaseModel {
  entry: BaseModelManifestEntry;
  dir: string;
  /** The studio's data dir, whose cache keeps the base network's feature .tflite (none: built per pool). */
  dataDir?: string;
}

/**
 * Makes a base model usable: found in the cache or on the models path (and checked shard by shard),
 * else downloaded into the cache. Missing or damaged files give MODEL_INCOMPLETE naming the file;
 * no connection gives MODEL_OFFLINE saying how to import the model from a folder instead.
 */
export async function ensureBaseModel(
  id: string,
  options: ModelOptions,
  opts: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void } = {},
): Promise<ReadyBaseModel> {
  const entry = requireBaseModelEntry(id, options.modelCacheDir);
  const { dir } = locateBaseModel(id, options);
  if (dir) {
    verifyModelFiles(dir);
    return { entry, dir, dataDir: options.dataDir };
  }
  const downloaded = await downloadBaseModel(entry, options.modelCacheDir, {
    modelBaseUrl: options.modelBaseUrl,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  return { entry, dir: downloaded, dataDir: options.dataDir };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 60);
}

/**
 * Imports any TF.js layers model from a folder into the model cache, with a manifest entry naming
 * its feature layer. The model is loaded once to check the layer exists and to read the input size
 * and feature size; normalisation defaults to [-1, 1] (MobileNet's) unless the folder says otherwise.
 */
export async function importBaseModel(
  req: { dir: string; featureLayer: string; id?: string; name?: string; licence?: string },
  options: ModelOptions,
): Promise<BaseModelInfo> {
  const source = path.resolve(req.dir);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) {
    throw new StudioError('FILE_NOT_FOUND', `There is no folder at ${source}.`, 'Choose the folder that holds the model.json file.');
  }
  const modelJson = readModelJson(source);
  verifyModelFiles(source, modelJson);
  const id = req.id ?? (slug(req.name ?? path.basename(source)) || 'imported_model');
  if (!isSafeId(id)) {
    throw new StudioError('INVALID_ARGUMENT', `"${id}" cannot be used as a model id.`, 'Use letters, digits, dots, dashes and underscores only.');
  }
  const existing = findBaseModelEntry(id, options.modelCacheDir);
  const builtin = existing && !existing.imported ? existing.entry : null;

  const base = await loadBaseModel(source);
  let inputSize: number;
  let featureSize: number;
  try {
    const inputShape = base.inputs[0].shape;
    const truncated = truncateAt(base, req.featureLayer);
    const outShape = truncated.outputs[0].shape;
    if (inputShape.length !== 4 || inputShape[1] !== inputShape[2] || inputShape[3] !== 3 || !inputShape[1]) {
      throw new StudioError(
        'MODEL_INVALID',
        `The model takes input of shape [${inputShape.join(', ')}]; the studio needs square RGB images.`,
        'Import an image model whose input is [batch, size, size, 3].',
      );
    }
    inputSize = inputShape[1];
    featureSize = outShape[outShape.length - 1] ?? 0;
  } finally {
    base.dispose();
  }

  if (builtin) {
    // A copy of a built-in model (say, from a USB stick on a machine that is offline): install it
    // where a download would have gone, provided it really is that network.
    if (builtin.featureLayer !== req.featureLayer || builtin.inputSize !== inputSize || builtin.featureSize !== featureSize) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        `"${id}" is already the name of a built-in base model, and this folder holds a different network.`,
        'Give the imported model another name.',
      );
    }
    installIntoCache(source, modelJson, id, null, options.modelCacheDir);
    return requireInfo(id, options);
  }

  const entry: BaseModelManifestEntry = {
    id,
    name: req.name ?? id,
    url: '',
    inputSize,
    normalization: { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
    featureLayer: req.featureLayer,
    featureSize,
    licence: req.licence ?? 'unknown (imported by the user)',
    description: `Imported from ${source}`,
  };
  installIntoCache(source, modelJson, id, entry, options.modelCacheDir);
  return requireInfo(id, options);
}

/**
 * Copies a checked model folder into the cache; via a temporary folder, so a half copy is never used.
 * Each file is read through a link-free real path inside the source folder (modelFileInside) and
 * written by plain name with O_NOFOLLOW, so neither side of the copy can be steered elsewhere.
 */
function installIntoCache(
  source: string,
  modelJson: ReturnType<typeof readModelJson>,
  id: string,
  importedEntry: BaseModelManifestEntry | null,
  modelCacheDir: string,
): void {
  fs.mkdirSync(modelCacheDir, { recursive: true });
  const tmp = path.join(modelCacheDir, `.import-${id}-${randomUUID()}`);
  const copy = (name: string) => writeFileInsideSync(tmp, joinInside(tmp, name), readNoFollow(modelFileInside(source, name)));
  try {
    fs.mkdirSync(tmp);
    copy('model.json');
    for (const group of modelJson.weightsManifest) for (const p of group.paths) copy(p);
    if (importedEntry) writeFileInsideSync(tmp, joinInside(tmp, IMPORTED_ENTRY_FILE), JSON.stringify(importedEntry, null, 2));
    const target = path.join(modelCacheDir, id);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** A file's bytes, refusing (ELOOP) if it was swapped for a link since it was checked. */
function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, READ_NO_FOLLOW);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function requireInfo(id: string, options: ModelOptions): BaseModelInfo {
  const info = listBaseModelInfos(options).find((i) => i.id === id);
  if (!info) throw new Error(`base model ${id} not found after import`);
  return info;
}
