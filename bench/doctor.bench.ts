/**
 * Deck doctor on a 5,000-photo deck whose features are cached: seconds for the whole check
 * (`doctor`: thumbnails measured for the first time, then every comparison) and for a second
 * check after a fix (`doctor-warm`: one photo moved to another word and one deleted, the
 * statistics cached, what the "Check again" after a fix costs). `before` is what this same bench
 * measured on the code before the crop search was screened and comparisons remembered (commit
 * 6fe9671, 2026-11-30, same machine, load about 4): seconds and CPU seconds.
 *
 * The deck is synthesised rather than imported (importing 5,000 photos and computing their features
 * takes many minutes here): rows, thumbnails and cached features are written straight into a real
 * project. Thumbnails are distinct drawn scenes (a coloured object per word on a varied wall), the
 * features are per-word directions plus noise (ReLU-like, 256 values), so similar photos exist but
 * few are copies, as in a real deck. Made once per run; only the checks are timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { DoctorReport } from '../src/shared/api/doctor';
import { createStudioCore } from '../src/core/index';
import { EmbeddingStore } from '../src/core/ml/features/embedding-store';
import { PREPROCESSING_VERSION } from '../src/core/ml/features/preprocess';
import { readDeckConfig } from '../src/core/ml/training/training-config-repo';
import { createClass } from '../src/core/store/classes-repo';
import { mkdirInsideSync, writeFileInsideSync } from '../src/core/fs/safe-path';
import { insertPhoto } from '../src/core/store/photos-repo';
import { thumbPath } from '../src/core/store/paths';
import { seededRandom } from '../src/core/ml/training/seeded-random';
import { SHARED, tempDir, waitForJob } from '../src/test-support/test-core';

const MANY = Number(process.env.DOCTOR_BENCH_PHOTOS ?? 5000);
const WORDS = ['apple', 'beetroot', 'dates', 'mango', 'orange', 'pomegranate', 'kiwi', 'lemon', 'pear', 'plum'];
const FEATURES = 256;
/** This bench at commit 6fe9671 (5,000 photos), before the doctor was made cheap: seconds, CPU seconds. */
const BEFORE = { cold: { seconds: 80.2, cpuSeconds: 60.1 }, warm: { seconds: 45.7, cpuSeconds: 30.3 } };

function line(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
}

const random = seededRandom(14);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

/** A 256x192 scene: a wall of some grey, a table, and an ellipse of the word's colour somewhere. */
async function scene(word: number): Promise<Buffer> {
  const w = 256;
  const h = 192;
  const raw = Buffer.alloc(w * h * 3);
  const wall = 120 + random() * 80;
  const cx = 60 + random() * 136;
  const cy = 70 + random() * 50;
  const rx = 20 + random() * 40;
  const ry = 15 + random() * 30;
  const colour = [(word * 97) % 256, (word * 53 + 80) % 256, (word * 29 + 160) % 256];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const inside = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1;
      const base = y > 140 ? [90, 60, 40] : [wall, wall, wall - 10];
      const px = inside ? colour : base;
      for (let c = 0; c < 3; c++) raw[i + c] = Math.max(0, Math.min(255, px[c] + (random() - 0.5) * 24));
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}

const tmp = tempDir('magritte-bench-doctor-');
const core = createStudioCore({
  prepareFeatures: false,
  dataDir: path.join(tmp, 'data'),
  projectsDir: tmp,
  modelsPath: [path.join(SHARED, 'models')],
});
try {
  await core.api.createProject({ name: 'Bench', languages: ['en'] });
  const deck = await core.api.createDeck({ name: 'Big deck' });
  const store = core.context.session.require();
  const { db } = store;
  const classes = WORDS.map((w) => createClass(db, deck.id, w));
  const centroids = WORDS.map(() => Float32Array.from({ length: FEATURES }, () => Math.max(0, random() * 2 - 0.6)));
  const embeddings = new EmbeddingStore(db, { baseModelId: readDeckConfig(db, deck.id).baseModelId, preprocessing: PREPROCESSING_VERSION });
  let rows: { sha256: string; variant: 'orig'; vector: Float32Array }[] = [];
  for (let i = 0; i < MANY; i++) {
    const word = i % WORDS.length;
    const sha = hex(64);
    const thumb = thumbPath(store.dir, sha);
    mkdirInsideSync(store.dir, path.dirname(thumb));
    writeFileInsideSync(store.dir, thumb, await scene(word));
    insertPhoto(db, {
      deckId: deck.id,
      classId: classes[word].id,
      sha256: sha,
      bytes: 100_000,
      width: 1280,
      height: 960,
      source: 'import',
      originalName: `photo-${i}.jpg`,
    });
    rows.push({ sha256: sha, variant: 'orig', vector: centroids[word].map((v) => Math.max(0, v + (random() - 0.5) * 0.8)) });
    if (rows.length === 500) {
      embeddings.putMany(rows);
      rows = [];
    }
  }
  embeddings.putMany(rows);
  process.stderr.write(`deck of ${MANY} photos made\n`);

  // CPU seconds too (this process, all its threads): on a shared, loaded machine wall time varies a lot.
  const check = async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { jobId } = await core.api.startDoctor({ deckId: deck.id });
    const report = await waitForJob<DoctorReport>(core, jobId);
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: Math.round((used.user + used.system) / 1e5) / 10, report };
  };
  const cold = await check();
  const counts: Record<string, number> = {};
  for (const f of cold.report.findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  line('doctor', cold.seconds, 's', {
    before: BEFORE.cold,
    cpuSeconds: cold.cpuSeconds,
    photos: MANY,
    featuresCached: true,
    statsCached: false,
    synthesised: true,
    findings: counts,
  });
  const photos = await core.api.listPhotos({ deckId: deck.id });
  await core.api.movePhotos({ photoIds: [photos[0].id], classId: classes[1].id });
  await core.api.deletePhotos({ photoIds: [photos[1].id] });
  const warm = await check();
  line('doctor-warm', warm.seconds, 's', {
    before: BEFORE.warm,
    cpuSeconds: warm.cpuSeconds,
    photos: MANY,
    featuresCached: true,
    statsCached: true,
    afterFix: true,
    synthesised: true,
  });
} finally {
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
