import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DoctorReport } from '../../../shared/api/doctor';
import type { FeaturesResult, TrainingRunResult } from '../../../shared/api/training';
import { FRUIT_CLASSES, fruitSources } from '../../../test-support/fruits';
import { FIXTURES, runImport, testCore, waitForJob, type TestCore } from '../../../test-support/test-core';
import { blobPath } from '../../store/paths';
import type { EventName, EventPayload } from '../../../shared/events';
import { createStudioCore, type StudioCore } from '../../index';
import { folderSources, makeFaultyFolder } from '../../../test-support/faulty-deck';
import { loadDeckDataset } from './deck-dataset';
import { trainingSplit } from './training-needs';
import { DEFAULT_SETTINGS } from './training-settings';
import { PREPARE_SETTLE_MS } from './training-preparation';
import { AUGMENT_VARIANTS } from '../features/preprocess';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A quick training: few epochs, the default views (augmentation on). */
const QUICK = { epochs: 5 } as const;

interface Row {
  sha256: string;
  variant: string;
  bytes: number;
}

/** The feature rows of the project in this test core's projects folder, read beside the core (WAL readers do not block it). */
function featureRows(tmp: string): Row[] {
  const projects = path.join(tmp, 'projects');
  const [project] = fs.readdirSync(projects);
  const db = new Database(path.join(projects, project, 'project.db'), { readonly: true });
  try {
    return db.prepare('SELECT sha256, variant, length(vector) AS bytes FROM embeddings ORDER BY sha256, variant').all() as Row[];
  } finally {
    db.close();
  }
}

/** Every job the core ran, with how it ended and the messages it gave. */
function recordJobs(core: StudioCore) {
  const jobs = new Map<
    string,
    { kind: string; startedAt: number; endedAt?: number; outcome?: string; messages: string[]; firstFeatureAt?: number }
  >();
  const of = (jobId: string, kind: string) => {
    let j = jobs.get(jobId);
    if (!j) jobs.set(jobId, (j = { kind, startedAt: Date.now(), messages: [] }));
    return j;
  };
  core.events.on('job.progress', (p) => {
    const j = of(p.jobId, p.kind);
    j.messages.push(p.message);
    if (j.firstFeatureAt === undefined && /Computing features: \d+ of/.test(p.message)) j.firstFeatureAt = Date.now();
  });
  core.events.on('job.finished', (e) => Object.assign(of(e.jobId, e.kind), { endedAt: Date.now(), outcome: 'finished' }));
  core.events.on('job.failed', (e) => Object.assign(of(e.jobId, e.kind), { endedAt: Date.now(), outcome: e.cancelled ? 'cancelled' : 'failed' }));
  return {
    all: () => [...jobs.values()],
    kind: (k: string) => [...jobs.values()].filter((j) => j.kind === k),
  };
}

function untilEvent<E extends EventName>(core: StudioCore, name: E, test: (e: EventPayload<E>) => boolean, ms = 180_000): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${name}`));
    }, ms);
    const off = core.events.on(name, (e) => {
      if (!test(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

const prepared = (core: StudioCore, deckId: number) => untilEvent(core, 'training.prepared', (e) => e.deckId === deckId);
/** Resolves once the deck's preparation has got `n` photos ready. */
const preparedAtLeast = (core: StudioCore, n: number) => untilEvent(core, 'job.progress', (p) => p.kind === 'prepare' && p.done >= n);

async function importEach(core: StudioCore, deckId: number, from: number, to: number): Promise<void> {
  // One class at a time keeps photo ids in frame order (training's block split relies on it).
  for (const cls of FRUIT_CLASSES) await runImport(core, { deckId, sources: fruitSources([cls], from, to) });
}

describe('decks get ready for training in the background after photos arrive', () => {
  const cores: TestCore[] = [];
  const fresh = async (prepareFeatures = true) => {
    const t = await testCore({ prepareFeatures });
    cores.push(t);
    return t;
  };
  /** A studio that prepares decks, with a deck of frames [0, to) of every fruit being prepared; its jobs recorded from the start. */
  const preparing = async (to: number, settings?: { augmentation: boolean }) => {
    const t = await fresh();
    const jobs = recordJobs(t.core);
    const deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    if (settings) await t.core.api.setTrainingConfig({ deckId, settings });
    await importEach(t.core, deckId, 0, to);
    return { t, api: t.core.api, jobs, deckId };
  };
  afterEach(async () => {
    // Every test ends with no job of the core still running.
    for (const t of cores) {
      expect(t.core.context.jobs.list().filter((j) => j.state === 'running' && j.kind === 'prepare')).toEqual([]);
      await t.dispose();
    }
    cores.length = 0;
  });

  it('computes the views training needs after an import, without a training, then the doctor finds mislabels with them', async () => {
    const t = await fresh();
    const { api } = t.core;
    const jobs = recordJobs(t.core);
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    const ready = prepared(t.core, deckId);
    // Each fruit's frame 5 filed under the next fruit: mislabels only features can show.
    const folder = path.join(t.tmp, 'faulty');
    const { truth } = await makeFaultyFolder(folder, { frames: 12, kinds: ['mislabel'] });
    const doctorDone = untilEvent(t.core, 'doctor.changed', (e) => e.deckId === deckId);
    await runImport(t.core, { deckId, sources: folderSources(folder).slice(0, 40) });
    await runImport(t.core, { deckId, sources: folderSources(folder).slice(40) });
    expect((await api.getTrainingPreparation({ deckId })).state).toBe('waiting');

    const done = await ready;
    expect(done).toEqual({ deckId, ready: 72, photos: 72, unreadable: 0 });
    expect(jobs.kind('training')).toEqual([]);
    // One preparation, once the imports had settled (the first import's wait was replaced by the second's).
    expect(jobs.kind('prepare').map((j) => j.outcome)).toEqual(['finished']);
    expect(jobs.kind('prepare')[0].messages).toContain('Getting photos ready for training: 72 of 72');
    expect(await api.getTrainingPreparation({ deckId })).toEqual({ deckId, state: 'idle', jobId: null, ready: 72, photos: 72, unreadable: 0 });

    // The plain view of every photo, the augmented views (on by default) of the training photos only.
    const rows = featureRows(t.tmp);
    expect(rows.filter((r) => r.variant === 'orig')).toHaveLength(72);
    const status = await api.getFeatureStatus({ deckId });
    expect(status).toMatchObject({ photos: 72, cached: 72 });
    const trainPhotos = trainingSplit(loadDeckDataset(t.core.context.session.require().db, deckId), DEFAULT_SETTINGS.validationShare).train.length;
    expect(trainPhotos).toBeLessThan(72);
    expect(status.augmentedCached).toBe(trainPhotos);
    for (const v of AUGMENT_VARIANTS) expect(rows.filter((r) => r.variant === v)).toHaveLength(trainPhotos);

    // Then the doctor's own check ran with every photo's features, and found misfiled fruit.
    await doctorDone;
    const report = (await api.getDoctorReport({ deckId })) as DoctorReport;
    expect(report.withoutFeatures).toBe(0);
    const misfiled = truth.filter((f) => f.kind === 'mislabel');
    const found = misfiled.filter((fault) =>
      report.findings.some(
        (f) => f.kind === 'mislabel' && f.suggestedClassKey === fault.belongsTo && f.photos.some((p) => fault.file.endsWith(`/${p.file}`)),
      ),
    );
    expect(found.length).toBeGreaterThanOrEqual(3);
  });

  it('a training started mid-way takes over, computes only the rest, and gets the same model as a cold training', async () => {
    const { t, api, jobs, deckId } = await preparing(8);
    await preparedAtLeast(t.core, 8);
    const resumed = prepared(t.core, deckId);
    const { jobId } = await api.startTraining({ deckId, settings: QUICK });
    const run = await waitForJob<TrainingRunResult>(t.core, jobId);
    const [preparation] = jobs.kind('prepare');
    expect(preparation.outcome).toBe('cancelled');

    // The training computed only the photos the preparation had not stored yet: "x of N" with N < 48.
    const training = jobs.kind('training')[0];
    const counted = training.messages.map((m) => /Step 2 of 4 · Computing features: \d+ of (\d+) photos/.exec(m)?.[1]).filter(Boolean);
    const computed = Number(counted[0]);
    expect(computed).toBeGreaterThan(0);
    expect(computed).toBeLessThanOrEqual(48 - 8);
    // Never both at once: the preparation had stopped before the training computed anything.
    expect(preparation.endedAt!).toBeLessThanOrEqual(training.firstFeatureAt!);

    // Resumed after the training, with nothing left to do for this deck.
    expect(await resumed).toEqual({ deckId, ready: 48, photos: 48, unreadable: 0 });
    expect(jobs.kind('prepare').map((j) => j.outcome)).toEqual(['cancelled', 'finished']);
    expect(await api.getTrainingPreparation({ deckId })).toMatchObject({ state: 'idle', ready: 48, photos: 48 });

    // The same photos trained cold in another studio: the very same weights.
    const cold = await fresh(false);
    const coldDeck = (await cold.core.api.createDeck({ name: 'Fruits' })).id;
    await importEach(cold.core, coldDeck, 0, 8);
    const coldRun = await waitForJob<TrainingRunResult>(cold.core, (await cold.core.api.startTraining({ deckId: coldDeck, settings: QUICK })).jobId);
    expect(run.metrics.accuracy).toBe(coldRun.metrics.accuracy);
    const head = (await api.getLiveModel({ deckId, versionId: run.versionId })).head;
    const coldHead = (await cold.core.api.getLiveModel({ deckId: coldDeck, versionId: coldRun.versionId })).head;
    expect(head.layers).toEqual(coldHead.layers);
  });

  it('deleting the deck stops its preparation at once and nothing more is written', async () => {
    const { t, api, jobs, deckId } = await preparing(8);
    // Some photos stored (rows are saved a few photos at a time), most still to do.
    await preparedAtLeast(t.core, 12);
    await api.deleteDeck({ deckId });
    const atDelete = featureRows(t.tmp);
    const stopped = jobs.kind('prepare')[0];
    while (stopped.endedAt === undefined) await sleep(20);
    expect(stopped.outcome).toBe('cancelled');
    await sleep(2500);
    // What was in flight when the deck went was not saved; no job started again.
    expect(featureRows(t.tmp)).toEqual(atDelete);
    expect(atDelete.length).toBeGreaterThan(0);
    expect(jobs.kind('prepare')).toHaveLength(1);
    expect(atDelete.every((r) => r.bytes === 256 * 4)).toBe(true);
  });

  it('closing the project stops the preparation; rows are whole and it does not start again by itself', async () => {
    const t = await fresh();
    const { api } = t.core;
    const jobs = recordJobs(t.core);
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    const info = await api.getAppInfo();
    await importEach(t.core, deckId, 0, 8);
    await preparedAtLeast(t.core, 4);
    await api.closeProject();
    expect(jobs.kind('prepare').map((j) => j.outcome)).toEqual(['cancelled']);
    expect(t.core.context.jobs.list().filter((j) => j.state === 'running')).toEqual([]);
    const before = jobs.all().length;
    const rows = featureRows(t.tmp);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.bytes === 256 * 4)).toBe(true);
    await sleep(2500);
    expect(jobs.all()).toHaveLength(before);

    // Opened again: what was stored is kept, and the next import prepares only the rest.
    await api.openProject({ dir: info.project!.dir });
    expect((await api.getTrainingPreparation({ deckId })).ready).toBe(new Set(rows.filter((r) => r.variant === 'orig').map((r) => r.sha256)).size);
    const ready = prepared(t.core, deckId);
    await runImport(t.core, { deckId, sources: fruitSources(['Apple'], 8, 10) });
    expect(await ready).toEqual({ deckId, ready: 50, photos: 50, unreadable: 0 });
  });

  it('more photos while preparing: the older preparation stops and one for the whole deck follows', async () => {
    const { t, jobs, deckId } = await preparing(6);
    await preparedAtLeast(t.core, 4);
    const ready = prepared(t.core, deckId);
    await runImport(t.core, { deckId, sources: fruitSources(['Mango'], 6, 10) });
    expect(await ready).toEqual({ deckId, ready: 40, photos: 40, unreadable: 0 });
    const runs = jobs.kind('prepare');
    expect(runs.map((j) => j.outcome)).toEqual(['cancelled', 'finished']);
    // Never two at once.
    expect(runs[0].endedAt!).toBeLessThanOrEqual(runs[1].startedAt);
  });

  it('turning augmentation on while preparing: the preparation restarts for the views training will now need', async () => {
    const { t, api, jobs, deckId } = await preparing(8, { augmentation: false });
    await preparedAtLeast(t.core, 4);
    const ready = prepared(t.core, deckId);
    await api.setTrainingConfig({ deckId, settings: { augmentation: true } });
    expect(await ready).toEqual({ deckId, ready: 48, photos: 48, unreadable: 0 });
    expect(jobs.kind('prepare').map((j) => j.outcome)).toEqual(['cancelled', 'finished']);
    const trainPhotos = trainingSplit(loadDeckDataset(t.core.context.session.require().db, deckId), DEFAULT_SETTINGS.validationShare).train.length;
    expect((await api.getFeatureStatus({ deckId })).augmentedCached).toBe(trainPhotos);
  });

  it('says at once that the photos wait for their turn: waiting, then preparing, then prepared', async () => {
    const t = await fresh();
    const { api } = t.core;
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    const said: { name: string; at: number }[] = [];
    for (const name of ['training.waiting', 'training.preparing', 'training.prepared'] as const) {
      t.core.events.on(name, (e) => e.deckId === deckId && said.push({ name, at: Date.now() }));
    }
    const ready = prepared(t.core, deckId);
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 4) });
    const importEnded = Date.now();
    expect(said.map((s) => s.name)).toEqual(['training.waiting']);
    expect(await api.getTrainingPreparation({ deckId })).toMatchObject({ state: 'waiting', ready: 0, photos: 8 });
    expect(await ready).toEqual({ deckId, ready: 8, photos: 8, unreadable: 0 });
    expect(said.map((s) => s.name)).toEqual(['training.waiting', 'training.preparing', 'training.prepared']);
    // Said when the import ended, not when the job began after the quiet time.
    expect(said[0].at - importEnded).toBeLessThan(PREPARE_SETTLE_MS / 2);
    expect(said[1].at - importEnded).toBeGreaterThanOrEqual(PREPARE_SETTLE_MS - 50);
  });

  it('a project closed before its photos were ready gets them ready when opened again, one deck at a time, after the quiet time', async () => {
    const t = await fresh();
    const { api } = t.core;
    const info = await api.getAppInfo();
    const fruits = (await api.createDeck({ name: 'Fruits' })).id;
    const more = (await api.createDeck({ name: 'More fruits' })).id;
    await runImport(t.core, { deckId: fruits, sources: fruitSources(['Apple', 'Orange', 'Mango'], 0, 4) });
    await runImport(t.core, { deckId: more, sources: fruitSources(['Dates', 'Pomegranate'], 0, 4) });
    // Closed within the quiet time: nothing was prepared.
    await api.closeProject();
    const jobs = recordJobs(t.core);
    const waited: number[] = [];
    t.core.events.on('training.waiting', (e) => waited.push(e.deckId));
    const readyFruits = prepared(t.core, fruits);
    const readyMore = prepared(t.core, more);

    const opened = Date.now();
    await api.openProject({ dir: info.project!.dir });
    // The open answers before the decks are looked at.
    expect(waited).toEqual([]);
    expect(await readyFruits).toEqual({ deckId: fruits, ready: 12, photos: 12, unreadable: 0 });
    expect(await readyMore).toEqual({ deckId: more, ready: 8, photos: 8, unreadable: 0 });
    expect(waited.sort()).toEqual([fruits, more].sort());
    const runs = jobs.kind('prepare');
    expect(runs.map((j) => j.outcome)).toEqual(['finished', 'finished']);
    expect(runs[0].startedAt - opened).toBeGreaterThanOrEqual(PREPARE_SETTLE_MS - 50);
    // Never two at once.
    expect(runs[0].endedAt!).toBeLessThanOrEqual(runs[1].startedAt);
    expect(await api.getTrainingPreparation({ deckId: fruits })).toEqual({
      deckId: fruits,
      state: 'idle',
      jobId: null,
      ready: 12,
      photos: 12,
      unreadable: 0,
    });

    // Opened again with everything ready: nothing to do.
    await api.closeProject();
    await api.openProject({ dir: info.project!.dir });
    await sleep(PREPARE_SETTLE_MS + 1000);
    expect(jobs.kind('prepare')).toHaveLength(2);
  });

  it('a studio started again prepares what the last one left, and never downloads a base model for it', async () => {
    const t = await fresh(false);
    const deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 5) });
    const { dir } = (await t.core.api.getAppInfo()).project!;
    // That studio is done with the project (as if quit); others on the same folders open it next.
    await t.core.api.closeProject();
    const folders = { dataDir: path.join(t.tmp, 'data'), projectsDir: path.join(t.tmp, 'projects') };

    // A studio without the deck's base model on this machine: the deck stays as it is, nothing is fetched.
    const bare = createStudioCore({ ...folders, modelsPath: [], prepareFeatures: true });
    const bareJobs = recordJobs(bare);
    try {
      await bare.api.openProject({ dir });
      await sleep(PREPARE_SETTLE_MS + 1000);
      expect(bareJobs.all()).toEqual([]);
      expect(await bare.api.getTrainingPreparation({ deckId })).toEqual({ deckId, state: 'idle', jobId: null, ready: 0, photos: 10, unreadable: 0 });
      expect(fs.existsSync(path.join(folders.dataDir, 'models'))).toBe(false);
    } finally {
      await bare.close();
    }

    const again = createStudioCore({ ...folders, prepareFeatures: true });
    try {
      const ready = prepared(again, deckId);
      await again.api.openProject({ dir });
      expect(await ready).toEqual({ deckId, ready: 10, photos: 10, unreadable: 0 });
    } finally {
      await again.close();
    }
  });

  it('remembers a photo that cannot be decoded: the deck is ready but for it, and a reopen prepares nothing again', async () => {
    const t = await fresh(false);
    const deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 3) });
    const { dir } = (await t.core.api.getAppInfo()).project!;
    // One photo's file damaged after its import (a project copied by USB, a failing disk): cut short as in the fixture.
    const [damaged] = await t.core.api.listPhotos({ deckId });
    const blob = blobPath(dir, damaged.sha256);
    fs.chmodSync(blob, 0o644);
    fs.copyFileSync(path.join(FIXTURES, 'misc/truncated_jpeg.jpg'), blob);
    await t.core.api.closeProject();

    const again = createStudioCore({ dataDir: path.join(t.tmp, 'data'), projectsDir: path.join(t.tmp, 'projects'), prepareFeatures: true });
    try {
      const jobs = recordJobs(again);
      const waited: number[] = [];
      again.events.on('training.waiting', (e) => waited.push(e.deckId));
      const ready = prepared(again, deckId);
      await again.api.openProject({ dir });
      expect(await ready).toEqual({ deckId, ready: 5, photos: 6, unreadable: 1 });
      expect(await again.api.getTrainingPreparation({ deckId })).toEqual({ deckId, state: 'idle', jobId: null, ready: 5, photos: 6, unreadable: 1 });
      expect(jobs.kind('prepare').map((j) => j.outcome)).toEqual(['finished']);

      await again.api.closeProject();
      await again.api.openProject({ dir });
      await sleep(PREPARE_SETTLE_MS + 1000);
      // Nothing waits and nothing runs: the damaged photo is not "still to be got ready".
      expect(jobs.kind('prepare')).toHaveLength(1);
      expect(waited).toEqual([deckId]);
      expect(await again.api.getTrainingPreparation({ deckId })).toMatchObject({ state: 'idle', ready: 5, unreadable: 1 });
      // Computing the deck's features (as a training does) leaves it out with the decoder's verdict, without reading it again.
      const { jobId } = await again.api.startFeatureExtraction({ deckId });
      const features = await waitForJob<FeaturesResult>(again, jobId);
      expect(features.failed).toEqual([{ photoId: damaged.id, reason: expect.stringContaining('damaged') }]);
      expect(new Set(jobs.all().find((j) => j.kind === 'features')?.messages)).toEqual(
        new Set(['Features already computed for all 5 photos; 1 cannot be read']),
      );
    } finally {
      await again.close();
    }
  });

  it('works out how ready a deck is with the same few queries whatever its size, not one per photo and view', async () => {
    const t = await fresh(false);
    const { api } = t.core;
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    const { db } = t.core.context.session.require();
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'get' | 'all' | 'run' | 'iterate', (...a: unknown[]) => unknown>;
    /** SQLite statements run to answer how ready the deck is. */
    const queriesFor = async (photos: number) => {
      const spies = (['get', 'all', 'run', 'iterate'] as const).map((m) => vi.spyOn(proto, m));
      try {
        expect(await api.getTrainingPreparation({ deckId })).toMatchObject({ ready: 0, photos });
        return spies.reduce((n, s) => n + s.mock.calls.length, 0);
      } finally {
        spies.forEach((s) => s.mockRestore());
      }
    };
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 4) });
    const small = await queriesFor(8);
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 4, 24) });
    const large = await queriesFor(48);
    expect(small).toBeGreaterThan(0);
    // Six times the photos (four views each with augmentation): not one more query.
    expect(large).toBe(small);
    expect(large).toBeLessThan(48);
  });

  it('is off when asked: nothing is computed after an import', async () => {
    const t = await fresh(false);
    const { api } = t.core;
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 3) });
    await sleep(2500);
    expect(featureRows(t.tmp)).toEqual([]);
    expect(await api.getTrainingPreparation({ deckId })).toEqual({ deckId, state: 'off', jobId: null, ready: 0, photos: 6, unreadable: 0 });
  });
});
