/**
 * One check for every host that serves a base model's files to a browser (the studio window's
 * Test tab, the phone page): `/base-models/<id>/<file>` maps to a file only when the id names a
 * base model on this machine and the file is its model.json or a weight file that model.json lists.
 * Nothing else in the folder, and nothing outside it, is ever served.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedOptions } from '../options';
import { isPlainFileName, realFileInsideSync } from '../fs/safe-path';
import { isSafeId, resolveBaseModelDir } from '../ml/base-models/base-model-locator';

type LocatorOptions = Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath'>;

export const BASE_MODEL_ROUTE = /^\/base-models\/([^/]+)\/([^/]+)$/;

/** The weight files a model.json names (plain names only), or null when it cannot be read. */
function listedWeightFiles(modelJson: string | null): Set<string> | null {
  if (!modelJson) return null;
  try {
    const parsed = JSON.parse(fs.readFileSync(modelJson, 'utf8')) as { weightsManifest?: Array<{ paths?: unknown }> };
    const names = new Set<string>();
    for (const group of parsed.weightsManifest ?? []) {
      if (!Array.isArray(group.paths)) continue;
      for (const p of group.paths) if (typeof p === 'string' && isPlainFileName(p)) names.add(p);
    }
    return names;
  } catch {
    return null;
  }
}

/**
 * The absolute path of `file` in base model `id`'s folder, or null when it must not be served
 * (unknown model, odd name, not model.json nor one of its weight files, or missing).
 */
export function resolveBaseModelFile(id: string, file: string, options: LocatorOptions): string | null {
  if (!isSafeId(id) || !isPlainFileName(file)) return null;
  const dir = resolveBaseModelDir(id, options);
  if (!dir) return null;
  // Real paths, checked to stay in the model's folder: a linked model.json or weight file that
  // leads elsewhere on the computer is never served.
  const modelJson = realFileInsideSync(dir, path.join(dir, 'model.json'));
  if (file !== 'model.json' && !listedWeightFiles(modelJson)?.has(file)) return null;
  return file === 'model.json' ? modelJson : realFileInsideSync(dir, path.join(dir, file));
}

/** Parses a request path; null when it is not a base-model route. URL escapes are undone first. */
export function parseBaseModelRoute(pathname: string): { id: string; file: string } | null {
  const m = BASE_MODEL_ROUTE.exec(pathname);
  if (!m) return null;
  try {
    return { id: decodeURIComponent(m[1]), file: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}
