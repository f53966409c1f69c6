/**
 * Deck map and "why this word?" figures on the 240 fruit photos:
 * - deck-map: s to arrange the deck (the "deck-map" job, features already cached as after training);
 *   with the map's 5-nearest-dot purity per word (1: every word in its own region);
 * - deck-map-5000: s to arrange 5,000 photos (the fruit features, each copied with a little noise) in
 *   the layout's worker thread, with the longest the core's thread went without a turn meanwhile
 *   (maxStallMs: how long any other request of the window would have waited), beside the same
 *   layout run on the core's thread as before (inThreadS, inThreadMaxStallMs);
 * - why-lookup: ms per "why this word?" answer (window features, the two best words), median of 50.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeckMap } from '../src/shared/api/deck-map';
import { createStudioCore } from '../src/core/index';
import { waitForJob } from '../src/test-support/test-core';
import { closeFeaturePools } from '../src/core/ml/features/pool-registry';
import { loadDeckVectors } from '../src/core/deck-map/deck-vectors';
import { neighbourPurity } from '../src/core/deck-map/map-quality';
import { layoutInWorker } from '../src/core/deck-map/layout-in-worker';
import { projectPoints } from '../src/core/deck-map/project-points';
import { seededRandom } from '../src/core/ml/training/seeded-random';
import { emit, FRUITS, MODELS } from './ml-fixtures';

/** Runs `body`, timing it and the longest gap between 10 ms ticks of this thread meanwhile. */
async function timedWithStalls<T>(body: () => Promise<T>): Promise<{ result: T; seconds: number; maxStallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last - 10);
    last = now;
  }, 10);
  const t0 = performance.now();
  try {
    const result = await body();
    maxStallMs = Math.max(maxStallMs, performance.now() - last - 10);
    return { result, seconds: (performance.now() - t0) / 1000, maxStallMs: Math.round(maxStallMs) };
  } finally {
    clearInterval(tick);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-'));
const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(tmp, 'data'), projectsDir: tmp, modelsPath: [MODELS] });
try {
  await core.api.createProject({ name: 'Bench', languages: ['en'] });
  const deck = await core.api.createDeck({ name: 'Fruits' });
  await waitForJob(core, (await core.api.startImport({ deckId: deck.id, sources: [{ path: FRUITS }] })).jobId);
  await waitForJob(core, (await core.api.startTraining({ deckId: deck.id, settings: { augmentation: false } })).jobId);

  const t0 = performance.now();
  const { jobId } = await core.api.openDeckMap({ deckId: deck.id });
  const map = await waitForJob<DeckMap>(core, jobId!);
  const seconds = (performance.now() - t0) / 1000;
  const photos = await core.api.listPhotos({ deckId: deck.id });
  const wordOf = new Map((await core.api.listClasses({ deckId: deck.id })).map((c) => [c.id, c.key]));
  const place = new Map(map.points.map((p) => [p.sha256, [p.x, p.y] as [number, number]]));
  const purity = neighbourPurity(
    photos.map((p) => place.get(p.sha256)!),
    photos.map((p) => wordOf.get(p.classId)!),
    5,
  );
  emit('deck-map', seconds, 's', { photos: photos.length, dots: map.points.length, purity5: Number(purity.toFixed(3)) });

  // 5,000 photos: each fruit vector copied with noise of a tenth of its own spread.
  const units = loadDeckVectors(core.context.session.require().db, deck.id, map.baseModelId).withFeatures.map((v) => v.unit);
  const random = seededRandom(5);
  const many = Array.from({ length: 5000 }, (_, i) => Float32Array.from(units[i % units.length], (x) => x + (random() - 0.5) * 0.02));
  const inWorker = await timedWithStalls(() => layoutInWorker(many, { seed: 42 }));
  const inThread = await timedWithStalls(() => projectPoints(many, { seed: 42 }));
  emit('deck-map-5000', inWorker.seconds, 's', {
    photos: many.length,
    maxStallMs: inWorker.maxStallMs,
    inThreadS: inThread.seconds,
    inThreadMaxStallMs: inThread.maxStallMs,
    samePlaces: JSON.stringify(inWorker.result) === JSON.stringify(inThread.result),
  });

  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const features = Array.from(units[(i * 7) % units.length]);
    const s = performance.now();
    await core.api.findSimilarPhotos({ deckId: deck.id, query: { features }, classKeys: ['Apple', 'Orange'] });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  emit('why-lookup', times[25], 'ms', { photos: photos.length, p95: Number(times[47].toFixed(2)) });
} finally {
  await core.close();
  await closeFeaturePools();
  fs.rmSync(tmp, { recursive: true, force: true });
}
