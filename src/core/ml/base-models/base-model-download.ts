import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BaseModelManifestEntry } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import { cancelledError } from '../../jobs/job-runner';
import { joinInside, writeFileInsideSync } from '../../fs/safe-path';
import { checkWeightPaths, expectedGroupBytes, verifyModelFiles, type ModelJson } from './weights-manifest';

export interface DownloadProgress {
  bytesDone: number;
  bytesTotal: number;
  file: string;
}

/** The model.json URL to fetch: the official one, or `<modelBaseUrl>/<id>/model.json` when overridden. */
export function modelJsonUrl(entry: BaseModelManifestEntry, modelBaseUrl?: string): string {
  if (modelBaseUrl) return `${modelBaseUrl.replace(/\/+$/, '')}/${entry.id}/model.json`;
  return entry.url;
}

export function offlineError(entry: BaseModelManifestEntry, url: string, why: string): StudioError {
  return new StudioError(
    'MODEL_OFFLINE',
    `The base model "${entry.name}" is not on this computer and could not be downloaded from ${url} (${why}).`,
    'Connect to the internet and try again, or import the base model from a folder: on the Train screen choose ' +
      '"Base models" > "Import from a folder" and pick a folder holding model.json and its weight files ' +
      '(or put that folder, named after the model id, in a folder listed in MAGRITTE_MODELS_PATH).',
    { url },
  );
}

/**
 * Downloads a TF.js layers model into `<cacheDir>/<id>`: into a temporary folder first, checked shard
 * by shard, then renamed into place, so the cache never holds half a model.
 */
export async function downloadBaseModel(
  entry: BaseModelManifestEntry,
  cacheDir: string,
  opts: { modelBaseUrl?: string; signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void },
): Promise<string> {
  const url = modelJsonUrl(entry, opts.modelBaseUrl);
  if (!url) throw offlineError(entry, '(no address)', 'it has no download address');
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `.download-${entry.id}-${randomUUID()}`);
  fs.mkdirSync(tmp);
  try {
    const modelText = new TextDecoder().decode(await fetchBytes(url, entry, opts.signal));
    const model = parseModel(modelText, url);
    // Every weight name is checked before anything is fetched or written: the server is untrusted.
    checkWeightPaths(model.weightsManifest, url);
    writeFileInsideSync(tmp, joinInside(tmp, 'model.json'), modelText);
    const bytesTotal = model.weightsManifest.reduce((n, g) => n + expectedGroupBytes(g), 0);
    let bytesDone = 0;
    for (const group of model.weightsManifest) {
      for (const p of group.paths) {
        if (opts.signal?.aborted) throw cancelledError();
        const bytes = await fetchBytes(new URL(p, url).toString(), entry, opts.signal);
        writeFileInsideSync(tmp, joinInside(tmp, p), bytes);
        bytesDone += bytes.byteLength;
        opts.onProgress?.({ bytesDone, bytesTotal, file: p });
      }
    }
    verifyModelFiles(tmp, model);
    const target = path.join(cacheDir, entry.id);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
    return target;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

function parseModel(text: string, url: string): ModelJson {
  let model: Partial<ModelJson> | null = null;
  try {
    model = JSON.parse(text) as Partial<ModelJson>;
  } catch {
    // Reported below with the same words as any other non-model answer.
  }
  if (typeof model !== 'object' || model === null || !Array.isArray(model.weightsManifest)) {
    throw new StudioError('MODEL_INVALID', `${url} is not a TensorFlow.js layers model.`, 'Check the download address.');
  }
  return model as ModelJson;
}

async function fetchBytes(url: string, entry: BaseModelManifestEntry, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw cancelledError();
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
    throw offlineError(entry, url, `no connection: ${cause}`);
  }
  if (!response.ok) throw offlineError(entry, url, `the server answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
