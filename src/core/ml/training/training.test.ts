import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics, FeaturesResult, FolderEvaluation, TrainingRunResult } from '../../../shared/api/training';
import { testCore } from '../../../test-support/test-core';
import { fruitDeck, fruitFolder, fruitFrames, waitForJob, type TestCore } from '../../../test-support/fruit-deck';
import { AUGMENT_VARIANTS, PREPROCESSING_VERSION } from '../features/preprocess';

/**
 * One project for the whole file: frames 0-24 of each fruit imported (150 photos), the other 15
 * frames of each kept aside for evaluation, as a teacher's burst would be.
 */
describe('training on the fruit photos', () => {
  let t: TestCore & { deckId: number };
  let heldOut: string;
  let first: TrainingRunResult;
  const epochs: EpochMetrics[] = [];

  beforeAll(async () => {
    t = await fruitDeck({ to: 25 });
    heldOut = fruitFolder(25, 40);
  });
  afterAll(async () => {
    await t.dispose();
    fs.rmSync(heldOut, { recursive: true, force: true });
  });

  it('trains with the default settings, streaming one event per epoch, and keeps version 1', async () => {
    const { api, events } = t.core;
    // No feature worker has started yet in this process, so none can say what it runs on.
    expect((await api.getMlInfo()).workerBackend).toBeNull();
    expect((await api.getMlInfo()).featureEngine).toBeNull();
    const off = events.on('training.epoch', (e) => epochs.push(e));
    const { jobId, runId } = await api.startTraining({ deckId: t.deckId });
    const messages = new Set<string>();
    const offProgress = events.on('job.progress', (p) => p.jobId === jobId && messages.add(p.message.split(':')[0]));
    first = await waitForJob<TrainingRunResult>(t.core, jobId);
    off();
    offProgress();
    expect((await api.getMlInfo()).workerBackend).toBe('wasm');
    // The base network ran in TensorFlow Lite (the feature .tflite cached in the data dir), not the fallback.
    expect((await api.getMlInfo()).featureEngine).toBe('tflite');

    const defaults = (await api.getTrainingConfig({ deckId: t.deckId })).settings;
    expect(first.runId).toBe(runId);
    expect(first.number).toBe(1);
    expect(first.stopped).toBe('completed');
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: defaults.epochs }, (_, i) => i + 1));
    expect(epochs.every((e) => Number.isFinite(e.loss) && e.valAcc !== null)).toBe(true);
    // The phases show up in the progress messages.
    expect([...messages].some((m) => m.includes('Step 2 of 4'))).toBe(true);
    expect([...messages].some((m) => m.includes('Step 3 of 4'))).toBe(true);
    // 20% of 25 frames per class, as one block at the end of each class: 5 x 6 held out.
    expect(first.metrics.valCount).toBe(30);
    expect(first.metrics.trainCount).toBe(120);
    expect(first.metrics.labels).toEqual(['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate']);

    const versions = await api.listModelVersions({ deckId: t.deckId });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, current: true, runId, baseModelId: 'mobilenet_v1_0.25_224' });
    const v = await api.getModelVersion({ versionId: first.versionId });
    expect(v.curves).toHaveLength(defaults.epochs);
    expect(v.metrics.confusion).toHaveLength(6);
    expect(v.misclassified.length).toBe(v.metrics.n - v.metrics.confusion.reduce((s, row, i) => s + row[i], 0));
  });

  it('recognises at least 90% of the 15 later frames of each fruit it never saw', async () => {
    const { jobId } = await t.core.api.startEvaluation({ deckId: t.deckId, dir: heldOut });
    const report = await waitForJob<FolderEvaluation>(t.core, jobId);
    expect(report.n).toBe(90);
    expect(report.unmatchedFolders).toEqual([]);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(report.perClass)).toEqual(report.labels);
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(90);
  });

  it('gives the top 3 words for a dropped photo, and the same head to the live model', async () => {
    const mango = fruitFrames('Mango')[39];
    const [result] = await t.core.api.classifyPhotos({ deckId: t.deckId, sources: [{ path: mango }] });
    expect(result.error).toBeUndefined();
    expect(result.top).toHaveLength(3);
    expect(result.top[0].key).toBe('Mango');
    expect(result.top[0].probability).toBeGreaterThan(result.top[1].probability);

    const live = await t.core.api.getLiveModel({ deckId: t.deckId });
    expect(live.versionId).toBe(first.versionId);
    expect(live.baseModelUrl).toBe('/base-models/mobilenet_v1_0.25_224/model.json');
    expect(live.inputSize).toBe(224);
    expect(live.featureLayer).toBe('conv_pw_13_relu');
    expect(live.head.labels).toEqual(live.labels);
    expect(live.head.layers.map((l) => l.units)).toEqual([100, 6]);
  });

  it('gives identical weights for the same seed, different ones for another seed', async () => {
    const settings = { epochs: 5, seed: 7 };
    const tensors = tf.memory().numTensors;
    const heads = [];
    for (const s of [settings, settings, { ...settings, seed: 8 }]) {
      const { jobId } = await t.core.api.startTraining({ deckId: t.deckId, settings: s });
      const r = await waitForJob<TrainingRunResult>(t.core, jobId);
      heads.push((await t.core.api.getLiveModel({ deckId: t.deckId, versionId: r.versionId })).head);
    }
    expect(heads[1].layers).toEqual(heads[0].layers);
    expect(heads[2].layers[0].kernel).not.toEqual(heads[0].layers[0].kernel);
    // Three completed runs (and the live-model reads) leave no tensor behind.
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops within one batch when cancelled, saves nothing, and frees every tensor', async () => {
    const { api, events } = t.core;
    const before = (await api.listModelVersions({ deckId: t.deckId })).length;
    const tensors = tf.memory().numTensors;
    const seen: number[] = [];
    const { jobId, runId } = await api.startTraining({ deckId: t.deckId, settings: { epochs: 200 } });
    let midRun: ReturnType<typeof api.getActiveTraining> | undefined;
    const off = events.on('training.epoch', (e) => {
      if (e.runId !== runId) return;
      seen.push(e.epoch);
      if (e.epoch === 3) {
        // A screen opening now gets the run and its curves so far.
        midRun = api.getActiveTraining({ deckId: t.deckId });
        void api.cancelJob({ jobId });
      }
    });
    await expect(waitForJob(t.core, jobId)).rejects.toMatchObject({ code: 'JOB_CANCELLED', cancelled: true });
    off();
    // Cancelled in epoch 3's event: epoch 4 cannot finish, since the loop checks before every batch.
    expect(Math.max(...seen)).toBe(3);
    expect((await api.getJob({ jobId })).state).toBe('cancelled');
    expect(await midRun).toMatchObject({ runId, jobId, epochs: 200, curves: [{ epoch: 1 }, { epoch: 2 }, { epoch: 3 }] });
    expect(await api.getActiveTraining({ deckId: t.deckId })).toBeNull();
    expect(await api.listModelVersions({ deckId: t.deckId })).toHaveLength(before);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops on a NaN loss and says so instead of saving garbage', async () => {
    const tensors = tf.memory().numTensors;
    const { jobId } = await t.core.api.startTraining({ deckId: t.deckId, settings: { learningRate: 1e30 } });
    await expect(waitForJob(t.core, jobId)).rejects.toMatchObject({ code: 'TRAINING_DIVERGED' });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses impossible settings with a readable message', async () => {
    await expect(t.core.api.startTraining({ deckId: t.deckId, settings: { epochs: 0 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

/** The cache rows of the one project under this test core's projects folder, read beside the core (WAL readers do not block it). */
function embeddingRows(tmp: string): { sha256: string; variant: string; createdAt: string }[] {
  const projects = path.join(tmp, 'projects');
  const [project] = fs.readdirSync(projects);
  const db = new Database(path.join(projects, project, 'project.db'), { readonly: true });
  try {
    return db.prepare('SELECT sha256, variant, created_at AS createdAt FROM embeddings ORDER BY sha256, variant').all() as {
      sha256: string;
      variant: string;
      createdAt: string;
    }[];
  } finally {
    db.close();
  }
}

describe('features cache and augmentation on a small deck', () => {
  let t: TestCore & { deckId: number };
  beforeAll(async () => {
    t = await fruitDeck({ to: 4 });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('computes features once, adds augmented views only when asked, and refuses an empty class', async () => {
    const { api } = t.core;
    expect(await api.getFeatureStatus({ deckId: t.deckId })).toMatchObject({ photos: 24, cached: 0, augmentedCached: 0 });
    const first = await waitForJob<FeaturesResult>(t.core, (await api.startFeatureExtraction({ deckId: t.deckId })).jobId);
    expect(first).toMatchObject({ computed: 24, alreadyCached: 0, failed: [] });
    const again = await waitForJob<FeaturesResult>(t.core, (await api.startFeatureExtraction({ deckId: t.deckId })).jobId);
    expect(again).toMatchObject({ computed: 0, alreadyCached: 24 });

    // Augmentation computes the mirrored, cropped and squashed views of the training photos only (3 of 4 per class).
    // Off first: the default trains with it, so the views must not be there before.
    const { jobId: plainJob } = await api.startTraining({ deckId: t.deckId, settings: { augmentation: false, epochs: 5, validationShare: 0.25 } });
    expect((await waitForJob<TrainingRunResult>(t.core, plainJob)).metrics.trainCount).toBe(18);
    expect(await api.getFeatureStatus({ deckId: t.deckId })).toMatchObject({ cached: 24, augmentedCached: 0 });
    const { jobId } = await api.startTraining({ deckId: t.deckId, settings: { augmentation: true, epochs: 5, validationShare: 0.25 } });
    const run = await waitForJob<TrainingRunResult>(t.core, jobId);
    expect(run.metrics.trainCount).toBe(18);
    expect(run.metrics.valCount).toBe(6);
    expect(await api.getFeatureStatus({ deckId: t.deckId })).toMatchObject({ cached: 24, augmentedCached: 18 });

    // Every augmentation view of each of the 18 training photos is a row of the project's cache.
    const rows = embeddingRows(t.tmp);
    for (const v of AUGMENT_VARIANTS) expect(rows.filter((r) => r.variant === v)).toHaveLength(18);

    // Same seed, same photos, same cached views: the very same weights, and no view computed again
    // (a recomputed view would be written again with a later created_at).
    const firstHead = (await api.getLiveModel({ deckId: t.deckId, versionId: run.versionId })).head;
    const { jobId: againJob } = await api.startTraining({ deckId: t.deckId, settings: { augmentation: true, epochs: 5, validationShare: 0.25 } });
    const messages: string[] = [];
    const off = t.core.events.on('job.progress', (p) => p.jobId === againJob && messages.push(p.message));
    const rerun = await waitForJob<TrainingRunResult>(t.core, againJob);
    off();
    expect(embeddingRows(t.tmp)).toEqual(rows);
    expect(messages).toContain('Step 2 of 4 · Augmentation · Features already computed for all 18 photos');
    expect((await api.getLiveModel({ deckId: t.deckId, versionId: rerun.versionId })).head.layers).toEqual(firstHead.layers);

    await api.createClass({ deckId: t.deckId, key: 'Kiwi' });
    // Refused at once, before any job starts, naming the class that needs photos.
    await expect(api.startTraining({ deckId: t.deckId })).rejects.toMatchObject({ code: 'NOT_ENOUGH_PHOTOS', details: { classes: ['Kiwi'] } });
  });
});

describe('training config and machine info', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await testCore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('remembers what an expert changed per deck, resets it, and reports the backend', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Veg' });
    const fresh = await api.getTrainingConfig({ deckId: deck.id });
    expect(fresh).toMatchObject({ baseModelId: 'mobilenet_v1_0.25_224', changed: {} });
    expect(fresh.settings).toEqual(fresh.defaults);

    const changed = await api.setTrainingConfig({ deckId: deck.id, settings: { ...fresh.settings, epochs: 80, hiddenUnits: 0 } });
    expect(changed.changed).toEqual({ epochs: 80, hiddenUnits: 0 });
    expect(changed.settings).toMatchObject({ epochs: 80, hiddenUnits: 0, learningRate: fresh.defaults.learningRate });
    expect((await api.setTrainingConfig({ deckId: deck.id, settings: {} })).changed).toEqual({});
    await expect(api.setTrainingConfig({ deckId: deck.id, settings: { batchSize: -1 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.setTrainingConfig({ baseModelId: 'no-such-model' })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });

    const info = await api.getMlInfo();
    expect(info).toMatchObject({
      backend: 'wasm',
      simd: true,
      preprocessingVersion: PREPROCESSING_VERSION,
      defaultBaseModelId: 'mobilenet_v1_0.25_224',
    });
    expect(info.workers).toBeGreaterThanOrEqual(1);
    const models = await api.listBaseModels();
    expect(models[0]).toMatchObject({ id: 'mobilenet_v1_0.25_224', source: 'builtin', location: 'models-path' });

    const prepared = await waitForJob<{ dir: string }>(t.core, (await api.prepareBaseModel({ baseModelId: 'mobilenet_v1_0.25_224' })).jobId);
    expect(prepared.dir).toBe(models[0].dir);
    await expect(api.startTraining({ deckId: deck.id })).rejects.toMatchObject({ code: 'NOT_ENOUGH_PHOTOS' });
    await expect(api.getLiveModel({ deckId: deck.id })).rejects.toMatchObject({ code: 'NOT_TRAINED' });
  });
});
