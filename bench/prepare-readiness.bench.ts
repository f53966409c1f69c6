/**
 * How ready is a deck for training? Asked at every status call of the deck's line, at the end of
 * each background preparation and for every deck of a project being opened.
 * - prepare-readiness: ms to work it out for a synthetic deck of 5,000 photos with 3 views each
 *   stored (the fourth, one augmented view, for half of them), median of 9; beside it the same
 *   answer with one SQLite lookup per photo and view, as before it was set-based, and their ratio.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStudioCore } from '../src/core/index';
import { PREPROCESSING_VERSION, type Variant } from '../src/core/ml/features/preprocess';
import { loadDeckDataset } from '../src/core/ml/training/deck-dataset';
import { readDeckConfig } from '../src/core/ml/training/training-config-repo';
import { trainingFeatureNeeds } from '../src/core/ml/training/training-needs';
import { deckReadiness } from '../src/core/ml/training/training-readiness';
import { DEFAULT_SETTINGS } from '../src/core/ml/training/training-settings';
import type { Db } from '../src/core/store/open-database';
import { emit, medianMs, MODELS } from './ml-fixtures';

const PHOTOS = 5000;
const WORDS = 10;
const RUNS = 9;

/** The answer as it was worked out before: one query per photo and view (the baseline of the ratio). */
function perPhotoReadiness(db: Db, deckId: number): { ready: number; photos: number } {
  const { baseModelId } = readDeckConfig(db, deckId);
  const needs = trainingFeatureNeeds(loadDeckDataset(db, deckId), DEFAULT_SETTINGS);
  const photos = new Set(needs[0].photos.map((p) => p.sha256)).size;
  const stmt = db.prepare('SELECT 1 FROM embeddings WHERE sha256 = ? AND base_model_id = ? AND preprocessing = ? AND variant = ?');
  const missing = new Set<string>();
  for (const need of needs) {
    for (const variant of need.variants) {
      for (const { sha256 } of need.photos) if (!stmt.get(sha256, baseModelId, PREPROCESSING_VERSION, variant)) missing.add(sha256);
    }
  }
  return { ready: photos - missing.size, photos };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-'));
const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(tmp, 'data'), projectsDir: tmp, modelsPath: [MODELS] });
try {
  await core.api.createProject({ name: 'Bench', languages: ['en'] });
  const deck = await core.api.createDeck({ name: 'Big deck' });
  const classes: { id: number }[] = [];
  for (let w = 0; w < WORDS; w++) classes.push(await core.api.createClass({ deckId: deck.id, key: `word-${w}` }));
  const { db } = core.context.session.require();
  const { baseModelId } = readDeckConfig(db, deck.id);
  // Rows only: readiness reads the tables, never the photos' files.
  const photo = db.prepare(
    `INSERT INTO photos (deck_id, class_id, sha256, bytes, width, height, source, original_name, created_at)
     VALUES (?, ?, ?, 1000, 224, 224, 'import', ?, ?)`,
  );
  const vector = Buffer.alloc(256 * 4);
  const feature = db.prepare(`INSERT INTO embeddings (sha256, base_model_id, preprocessing, variant, vector, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < PHOTOS; i++) {
      const sha = createHash('sha256').update(`photo ${i}`).digest('hex');
      // Bursts of 50 frames per word, as a camera fills a deck.
      photo.run(deck.id, classes[Math.floor(i / 50) % WORDS].id, sha, `frame-${i}.jpg`, now);
      const views: Variant[] = i % 2 === 0 ? ['orig', 'flip', 'crop-tl', 'crop-br'] : ['orig', 'flip', 'crop-tl'];
      for (const v of views) feature.run(sha, baseModelId, PREPROCESSING_VERSION, v, vector, now);
    }
  })();

  const after = deckReadiness(db, deck.id);
  const before = perPhotoReadiness(db, deck.id);
  if (after.ready !== before.ready || after.photos !== before.photos) throw new Error(`answers differ: ${JSON.stringify({ before, after })}`);
  const beforeMs = medianMs(RUNS, () => perPhotoReadiness(db, deck.id));
  const afterMs = medianMs(RUNS, () => deckReadiness(db, deck.id));
  emit('prepare-readiness', afterMs, 'ms', {
    photos: after.photos,
    ready: after.ready,
    storedViews: 3,
    beforeMs: Number(beforeMs.toFixed(2)),
    ratio: Number((afterMs / beforeMs).toFixed(3)),
  });
} finally {
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
