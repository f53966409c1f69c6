import fs from 'node:fs';
import path from 'node:path';
import type { BaseModelInfo, BaseModelLocation } from '../../../shared/api/training';
import type { ResolvedOptions } from '../../options';
import { BUILTIN_BASE_MODELS, importedBaseModels } from './base-model-catalog';

type LocatorOptions = Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath'>;

/**
 * Where a base model's folder is on this machine, without downloading: the user's model cache
 * first, then each folder of the models path (MAGRITTE_MODELS_PATH). Returns null when absent.
 * The host uses it to serve `/base-models/<id>/model.json` to the window.
 */
export function resolveBaseModelDir(id: string, options: LocatorOptions): string | null {
  return locateBaseModel(id, options).dir;
}

export function locateBaseModel(id: string, options: LocatorOptions): { dir: string | null; location: BaseModelLocation } {
  if (!isSafeId(id)) return { dir: null, location: 'missing' };
  const cached = path.join(options.modelCacheDir, id);
  if (fs.existsSync(path.join(cached, 'model.json'))) return { dir: cached, location: 'cache' };
  for (const folder of options.modelsPath) {
    const dir = path.join(folder, id);
    if (fs.existsSync(path.join(dir, 'model.json'))) return { dir, location: 'models-path' };
  }
  return { dir: null, location: 'missing' };
}

/** Ids become folder names: refuse anything that could climb out of the cache. */
export function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id) && !id.includes('..');
}

export function listBaseModelInfos(options: LocatorOptions): BaseModelInfo[] {
  const builtin = BUILTIN_BASE_MODELS.map((entry): BaseModelInfo => {
    const { dir, location } = locateBaseModel(entry.id, options);
    return { ...entry, source: 'builtin', dir, location: dir ? location : entry.url ? 'download' : 'missing' };
  });
  const imported = importedBaseModels(options.modelCacheDir)
    .filter((e) => !BUILTIN_BASE_MODELS.some((b) => b.id === e.id))
    .map((entry): BaseModelInfo => {
      const { dir, location } = locateBaseModel(entry.id, options);
      return { ...entry, source: 'imported', dir, location };
    });
  return [...builtin, ...imported];
}
