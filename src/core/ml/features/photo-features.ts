import fs from 'node:fs/promises';
import type { FeatureItemResult } from './feature-pool-protocol';
import type { ReadyBaseModel } from '../base-models/base-model-service';
import { getFeaturePool } from './pool-registry';

/**
 * Plain ('orig') features of image files that are not deck photos (try-a-photo, evaluation folders),
 * computed in the pool and not cached. Results come back in the order of `paths`.
 */
export async function featuresOfFiles(
  model: ReadyBaseModel,
  paths: readonly string[],
  opts: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<FeatureItemResult[]> {
  if (paths.length === 0) return [];
  const pool = await getFeaturePool(model);
  const byKey = new Map<string, FeatureItemResult>();
  const keys = paths.map((_, i) => String(i));
  await pool.run(
    paths.map((p, i) => ({ key: keys[i], variants: ['orig'], read: () => fs.readFile(p) })),
    {
      signal: opts.signal,
      onResult: (r) => {
        byKey.set(r.key, r);
        opts.onProgress?.(byKey.size);
      },
    },
  );
  return keys.map((k) => byKey.get(k) ?? { key: k, error: { code: 'INTERNAL', message: 'A feature worker stopped.' } });
}
