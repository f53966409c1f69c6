import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BaseModelManifestEntry } from '../../../shared/api/training';
import { graphFromLayersModel } from '../../export/graph/graph-from-layers';
import { writeTflite } from '../../export/tflite/tflite-writer';
import { isPlainFileName, joinInside, mkdirInside, readFileInside, renameInside, writeFileInside } from '../../fs/safe-path';
import { loadBaseModel } from './feature-extractor';

/**
 * The base network as a feature .tflite: image (already normalised) in, the feature layer globally
 * average-pooled out, written with the studio's own TFLite writer so the feature engine and export
 * share one description of the network. Bump WRITER_VERSION when what is written changes: cached
 * files of older versions are then ignored.
 */
export const FEATURE_TFLITE_WRITER_VERSION = 1;

/** The feature network as .tflite bytes (loads the base model on this thread once). */
export async function buildFeatureTflite(dir: string, entry: BaseModelManifestEntry): Promise<Uint8Array> {
  const base = await loadBaseModel(dir);
  try {
    const features = base.getLayer(entry.featureLayer).output as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(features) as tf.SymbolicTensor;
    const model = tf.model({ inputs: base.inputs, outputs: pooled, name: 'features_model' });
    return writeTflite(graphFromLayersModel(model, ['features']), {
      description: `Features of ${entry.name} (${entry.featureLayer}, average-pooled).`,
    });
  } finally {
    base.dispose();
  }
}

/**
 * The base model's files (model.json and its weight shards) hashed, so a re-imported model with the
 * same id but other weights never meets an old cached network.
 */
function modelFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const json = fs.readFileSync(path.join(dir, 'model.json'));
  hash.update(json);
  const manifest = (JSON.parse(json.toString('utf8')) as { weightsManifest?: { paths: string[] }[] }).weightsManifest ?? [];
  for (const group of manifest) for (const p of group.paths) hash.update(fs.readFileSync(path.join(dir, p)));
  return hash.digest('hex').slice(0, 16);
}

/** Folder of the data dir where feature networks are cached. */
export function featureEngineCacheDir(dataDir: string): string {
  return joinInside(dataDir, 'cache', 'feature-engine');
}

/**
 * The feature .tflite of a base model, from the data dir's cache (`cache/feature-engine/<id>-w<version>-<hash>.tflite`)
 * or built and cached on first use. Written to a temporary name and renamed, so a crash never
 * leaves half a network to be loaded later.
 */
export async function ensureFeatureTflite(dir: string, entry: BaseModelManifestEntry, dataDir: string): Promise<Uint8Array> {
  const name = `${entry.id}-w${FEATURE_TFLITE_WRITER_VERSION}-${modelFingerprint(dir)}.tflite`;
  if (!isPlainFileName(name)) throw new Error(`"${entry.id}" cannot name a cache file`);
  const cacheDir = featureEngineCacheDir(dataDir);
  const file = path.join(cacheDir, name);
  const cached = await readFileInside(dataDir, file).catch(() => null);
  if (cached && cached.length > 0) return new Uint8Array(cached.buffer, cached.byteOffset, cached.byteLength);
  const bytes = await buildFeatureTflite(dir, entry);
  await mkdirInside(dataDir, cacheDir);
  const tmp = path.join(cacheDir, `${name}.${process.pid}.${Date.now()}.tmp`);
  await writeFileInside(dataDir, tmp, bytes, true);
  await renameInside(dataDir, tmp, file);
  return bytes;
}
