import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/domain';
import { testCore, type TestCore } from '../../test-support/test-core';
import { PREPROCESSING_VERSION } from '../ml/features/preprocess';
import { seededRandom } from '../ml/training/seeded-random';
import { readDeckConfig } from '../ml/training/training-config-repo';

const PHOTOS = 500;
const DIM = 256;

/**
 * A deck of 500 photos as rows and cached features only (arranging reads nothing else): six
 * clusters of noisy copies, as a camera fills a deck with bursts. Large enough that UMAP's
 * neighbour search alone takes a second or more.
 */
async function bigDeck(t: TestCore): Promise<{ deckId: number; addPhoto(i: number): void }> {
  const { api } = t.core;
  const deck = await api.createDeck({ name: 'Big deck' });
  const words = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => api.createClass({ deckId: deck.id, key })));
  const { db } = t.core.context.session.require();
  const { baseModelId } = readDeckConfig(db, deck.id);
  const random = seededRandom(7);
  const centres = words.map(() => Array.from({ length: DIM }, () => random()));
  const photo = db.prepare(
    `INSERT INTO photos (deck_id, class_id, sha256, bytes, width, height, source, original_name, created_at)
     VALUES (?, ?, ?, 1000, 224, 224, 'import', ?, ?)`,
  );
  const feature = db.prepare(
    `INSERT INTO embeddings (sha256, base_model_id, preprocessing, variant, vector, created_at) VALUES (?, ?, ?, 'orig', ?, ?)`,
  );
  const addPhoto = (i: number) => {
    const sha = createHash('sha256').update(`photo ${i}`).digest('hex');
    const now = new Date().toISOString();
    const vector = Float32Array.from(centres[i % words.length], (x) => x + (random() - 0.5) * 0.3);
    photo.run(deck.id, words[i % words.length].id, sha, `frame-${i}.jpg`, now);
    feature.run(sha, baseModelId, PREPROCESSING_VERSION, Buffer.from(vector.buffer), now);
  };
  db.transaction(() => {
    for (let i = 0; i < PHOTOS; i++) addPhoto(i);
  })();
  return { deckId: deck.id, addPhoto };
}

describe('arranging a big deck map off the core thread', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await testCore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('answers another request at once while the layout runs; a newer change cancels it; cancelling stops it', async () => {
    const { api, events } = t.core;
    const { deckId, addPhoto } = await bigDeck(t);
    // Another window asking every 20 ms: its messages reach the core's thread only when that is free.
    const window = new Worker(`const { parentPort } = require('node:worker_threads'); setInterval(() => parentPort.postMessage(Date.now()), 20);`, {
      eval: true,
    });
    const answers: { sent: number; answered: number }[] = [];
    window.on('message', (sent: number) => {
      void api.listDecks().then(() => answers.push({ sent, answered: Date.now() }));
    });
    const steps: { at: number; p: JobProgress }[] = [];
    const offProgress = events.on('job.progress', (p) => steps.push({ at: Date.now(), p }));
    try {
      const { jobId } = await api.openDeckMap({ deckId });
      // The layout began (its announcement), then its neighbour search ended (its first epoch report).
      const began = () => steps.find((s) => s.p.jobId === jobId && s.p.message.startsWith('Step 2 of 2'));
      const searched = () => steps.find((s) => s.p.jobId === jobId && s.p.message.startsWith('Step 2 of 2') && s.p.total > 1);
      await expect.poll(searched, { timeout: 60_000, interval: 50 }).toBeTruthy();
      const start = began()!.at;
      // Requests asked meanwhile have their answers (however late they came).
      await expect.poll(() => answers.some((a) => a.sent >= start && a.sent < searched()!.at), { timeout: 60_000, interval: 50 }).toBe(true);
      const duringSearch = answers.filter((a) => a.sent >= start && a.sent < searched()!.at);
      const waits = duringSearch.map((a) => a.answered - a.sent).sort((a, b) => a - b);
      console.log(
        `neighbour search of ${PHOTOS} photos: ${searched()!.at - start} ms; listDecks asked meanwhile waited ${waits[waits.length >> 1]} ms (median), ${waits[waits.length - 1]} ms at most (${waits.length} asked)`,
      );
      // The first request asked after the layout began was answered while the search still ran.
      expect(duringSearch.length).toBeGreaterThan(0);
      expect(duringSearch[0].answered).toBeLessThan(searched()!.at);

      // A photo arrives: the running layout would be out of date at once, so it makes way.
      const ended = new Promise<{ cancelled: boolean }>((resolve) => {
        const off = events.on('job.failed', (e) => e.jobId === jobId && (off(), resolve(e)));
      });
      addPhoto(PHOTOS);
      const again = await api.openDeckMap({ deckId });
      expect(again.jobId).not.toBe(jobId);
      expect(await ended).toMatchObject({ cancelled: true });
      // Asked again with nothing new: the same job.
      expect((await api.openDeckMap({ deckId })).jobId).toBe(again.jobId);

      const cancelled = new Promise<{ cancelled: boolean }>((resolve) => {
        const off = events.on('job.failed', (e) => e.jobId === again.jobId && (off(), resolve(e)));
      });
      await api.cancelJob({ jobId: again.jobId! });
      expect(await cancelled).toMatchObject({ cancelled: true });
    } finally {
      offProgress();
      await window.terminate();
    }
  });
});
