import fs from 'node:fs/promises';
import path from 'node:path';
import { isSafeId, resolveBaseModelDir } from '../core/ml/base-model-locator';
import type { ResolvedOptions } from '../core/options';

/**
 * Which file a `/base-models/<id>/<file>` URL names, for the hosts that serve base networks to the
 * window (the browser host here, Electron's app:// protocol too). Only a model's own files go out:
 * its model.json and the weight shards that model.json lists, from the folder the core resolves
 * for that id (model cache first, then MAGRITTE_MODELS_PATH). Nothing else of the disk is reachable.
 */
export type BaseModelFile =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string };

export const BASE_MODEL_ROUTE = /^\/base-models\/([^/]+)\/([^/]+)$/;

type LocatorOptions = Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath'>;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The shard file names a model.json lists (bare names only: a shard path with folders is not served). */
async function shardNames(modelJson: string): Promise<Set<string>> {
  const parsed = JSON.parse(await fs.readFile(modelJson, 'utf8')) as { weightsManifest?: { paths?: unknown }[] };
  const names = new Set<string>();
  for (const group of parsed.weightsManifest ?? []) {
    for (const p of Array.isArray(group.paths) ? group.paths : []) {
      if (typeof p === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p)) names.add(p);
    }
  }
  return names;
}

export async function resolveBaseModelFile(pathname: string, options: LocatorOptions): Promise<BaseModelFile> {
  const m = BASE_MODEL_ROUTE.exec(pathname);
  const id = m ? decode(m[1]) : null;
  const name = m ? decode(m[2]) : null;
  if (!id || !name || !isSafeId(id)) return { ok: false, status: 400, reason: 'Not a base model file.' };
  const dir = resolveBaseModelDir(id, options);
  if (!dir) return { ok: false, status: 404, reason: `The base model "${id}" is not on this computer.` };
  const modelJson = path.join(dir, 'model.json');
  if (name !== 'model.json') {
    let shards: Set<string>;
    try {
      shards = await shardNames(modelJson);
    } catch {
      return { ok: false, status: 404, reason: 'The base model is damaged (model.json cannot be read).' };
    }
    if (!shards.has(name)) return { ok: false, status: 404, reason: 'Not a file of this base model.' };
  }
  // The folder may hold symlinks (test setups link the shared models): the real file must still be a file.
  const file = path.join(dir, name);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return { ok: false, status: 404, reason: 'That file of the base model is missing.' };
  return { ok: true, file, contentType: name === 'model.json' ? 'application/json' : 'application/octet-stream' };
}
