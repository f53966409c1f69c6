/**
 * Reading cached features: EmbeddingStore.getMany for a synthetic deck of 5,000 photos (256 floats
 * each, the plain view; two other views stored beside it as in a prepared deck), median of 9.
 * - embedding-get-many: ms for all 5,000 in one call (one query: the sha256 list as a JSON array,
 *   each vector one copy of its bytes); beside it the same answer as worked out before (one query
 *   per photo, floats read one by one) and their ratio; and the queries alone, without decoding
 *   (queriesBeforeMs: one per photo, queriesMs: one for all).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStudioCore } from '../src/core/index';
import { EmbeddingStore } from '../src/core/ml/features/embedding-store';
import { PREPROCESSING_VERSION, type Variant } from '../src/core/ml/features/preprocess';
import { seededRandom } from '../src/core/ml/training/seeded-random';
import type { Db } from '../src/core/store/open-database';
import { emit, medianMs, MODELS } from './ml-fixtures';

const PHOTOS = 5000;
const DIM = 256;
const RUNS = 9;
const BASE_MODEL = 'bench-model';

/** The answer as it was worked out before: one query per photo (the baseline of the ratio). */
function perPhoto(db: Db, shas: readonly string[]): Map<string, Float32Array> {
  const stmt = db.prepare('SELECT vector FROM embeddings WHERE sha256 = ? AND base_model_id = ? AND preprocessing = ? AND variant = ?');
  const out = new Map<string, Float32Array>();
  for (const sha of shas) {
    const row = stmt.get(sha, BASE_MODEL, PREPROCESSING_VERSION, 'orig') as { vector: Buffer } | undefined;
    if (!row) continue;
    // Decoded as getMany decodes (little-endian floats), so only the queries differ.
    const v = new Float32Array(row.vector.length / 4);
    for (let i = 0; i < v.length; i++) v[i] = row.vector.readFloatLE(i * 4);
    out.set(sha, v);
  }
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-'));
const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(tmp, 'data'), projectsDir: tmp, modelsPath: [MODELS] });
try {
  await core.api.createProject({ name: 'Bench', languages: ['en'] });
  const { db } = core.context.session.require();
  const store = new EmbeddingStore(db, { baseModelId: BASE_MODEL, preprocessing: PREPROCESSING_VERSION });
  const random = seededRandom(3);
  const shas = Array.from({ length: PHOTOS }, (_, i) => createHash('sha256').update(`photo ${i}`).digest('hex'));
  const views: Variant[] = ['orig', 'flip', 'crop-tl'];
  store.putMany(shas.flatMap((sha256) => views.map((variant) => ({ sha256, variant, vector: Float32Array.from({ length: DIM }, () => random()) }))));

  const after = store.getMany(shas, 'orig');
  const before = perPhoto(db, shas);
  const same = after.size === PHOTOS && shas.every((sha) => after.get(sha)!.every((x, i) => x === before.get(sha)![i]));
  if (!same) throw new Error('answers differ');
  const beforeMs = medianMs(RUNS, () => perPhoto(db, shas));
  const afterMs = medianMs(RUNS, () => store.getMany(shas, 'orig'));
  const one = db.prepare('SELECT vector FROM embeddings WHERE sha256 = ? AND base_model_id = ? AND preprocessing = ? AND variant = ?');
  const queriesBeforeMs = medianMs(RUNS, () => shas.forEach((sha) => one.get(sha, BASE_MODEL, PREPROCESSING_VERSION, 'orig')));
  const all = db.prepare(
    `SELECT e.sha256, e.vector FROM json_each(?) AS j
     JOIN embeddings e ON e.sha256 = j.value AND e.base_model_id = ? AND e.preprocessing = ? AND e.variant = ?`,
  );
  const queriesMs = medianMs(RUNS, () => all.all(JSON.stringify(shas), BASE_MODEL, PREPROCESSING_VERSION, 'orig'));
  emit('embedding-get-many', afterMs, 'ms', {
    photos: PHOTOS,
    beforeMs: Number(beforeMs.toFixed(2)),
    ratio: Number((afterMs / beforeMs).toFixed(3)),
    queriesBeforeMs: Number(queriesBeforeMs.toFixed(2)),
    queriesMs: Number(queriesMs.toFixed(2)),
  });
} finally {
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
