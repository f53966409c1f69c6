import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/api/export';
import { NO_CHANGES } from '../../test-support/deck-changes';
import { fruitDeck, trainDeck } from '../../test-support/train-deck';
import { importFruits } from '../../test-support/fruit-deck';
import { testCore, waitForJob, type TestCore } from '../../test-support/test-core';

/** Real photos, real SQLite, real training and export: what every screen's "changed since" rests on. */
describe('deck status', () => {
  let t: TestCore;
  let deckId: number;

  beforeAll(async () => {
    t = await testCore({ languages: ['en', 'fr'] });
    deckId = await fruitDeck(t.core, 'Fruits', 6, ['Apple', 'Orange']);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const status = () => t.core.api.getDeckStatus({ deckId });

  it('an untrained deck needs training and an export', async () => {
    const s = await status();
    expect(s.model).toBeNull();
    expect(s.export).toBeNull();
    expect(s.needs).toEqual({ train: true, export: true });
  });

  it('right after training and export, everything is up to date', async () => {
    await trainDeck(t.core, deckId, { epochs: 3 });
    const { jobId } = await t.core.api.startExport({ deckIds: [deckId], formats: ['tfjs'] });
    await waitForJob<ExportResult>(t.core, jobId);
    const s = await status();
    expect(s.model).toMatchObject({ number: 1, upToDate: true });
    expect(s.model?.changes).toEqual(NO_CHANGES);
    expect(s.export).toMatchObject({ versionNumber: 1, newerVersion: false, upToDate: true });
    expect(s.needs).toEqual({ train: false, export: false });
  });

  it('counts photos added, moved and removed, and words changed, since the model and the export', async () => {
    await importFruits(t.core, deckId, { classes: ['Apple'], from: 6, to: 9 });
    const classes = await t.core.api.listClasses({ deckId });
    const apple = classes.find((c) => c.key === 'Apple')!;
    const orange = classes.find((c) => c.key === 'Orange')!;
    const orangePhotos = await t.core.api.listPhotos({ deckId, classId: orange.id });
    await t.core.api.movePhotos({ photoIds: [orangePhotos[0].id], classId: apple.id });
    await t.core.api.deletePhotos({ photoIds: [orangePhotos[1].id, orangePhotos[2].id] });
    await t.core.api.updateClass({ classId: orange.id, words: { ...orange.words, fr: 'une orange' } });

    const s = await status();
    expect(s.model?.changes).toMatchObject({ photosAdded: 3, photosMoved: 1, photosRemoved: 2, wordsChanged: ['Orange'] });
    expect(s.model?.upToDate).toBe(false);
    expect(s.export?.upToDate).toBe(false);
    expect(s.export?.changes).toMatchObject({ photosAdded: 3, wordsChanged: ['Orange'] });
    expect(s.needs).toEqual({ train: true, export: true });
  });

  it('a new version leaves the old export behind until it is exported again', async () => {
    await trainDeck(t.core, deckId, { epochs: 3 });
    let s = await status();
    expect(s.model).toMatchObject({ number: 2, upToDate: true });
    expect(s.export).toMatchObject({ versionNumber: 1, newerVersion: true, upToDate: false });
    expect(s.needs).toEqual({ train: false, export: true });

    const { jobId } = await t.core.api.startExport({ deckIds: [deckId], formats: ['tfjs'] });
    await waitForJob<ExportResult>(t.core, jobId);
    s = await status();
    expect(s.export).toMatchObject({ versionNumber: 2, upToDate: true });
    expect(s.needs).toEqual({ train: false, export: false });
  });

  it('words edited after the export make only the export stale', async () => {
    const orange = (await t.core.api.listClasses({ deckId })).find((c) => c.key === 'Orange')!;
    await t.core.api.updateClass({ classId: orange.id, words: { ...orange.words, fr: 'orange' } });
    const s = await status();
    expect(s.model?.upToDate).toBe(true);
    expect(s.export?.changes?.wordsChanged).toEqual(['Orange']);
    expect(s.needs).toEqual({ train: false, export: true });
  });

  it('a word made "Nothing I know", or a normal word again, counts as a change since the training and the export', async () => {
    const exported = async () => {
      const { jobId } = await t.core.api.startExport({ deckIds: [deckId], formats: ['tfjs'] });
      await waitForJob<ExportResult>(t.core, jobId);
    };
    await exported();
    expect((await status()).needs).toEqual({ train: false, export: false });

    const orange = (await t.core.api.listClasses({ deckId })).find((c) => c.key === 'Orange')!;
    await t.core.api.setClassBackground({ classId: orange.id, background: true });
    let s = await status();
    // The model's outputs are the same: it needs no training, but its export must say which one is silence.
    expect(s.model?.changes).toMatchObject({ backgroundMarked: ['Orange'], backgroundUnmarked: [] });
    expect(s.model?.upToDate).toBe(true);
    expect(s.export?.changes).toMatchObject({ backgroundMarked: ['Orange'], backgroundUnmarked: [] });
    expect(s.export?.upToDate).toBe(false);
    expect(s.needs).toEqual({ train: false, export: true });

    await exported();
    expect((await status()).export?.upToDate).toBe(true);
    await t.core.api.setClassBackground({ classId: orange.id, background: false });
    s = await status();
    expect(s.export?.changes).toMatchObject({ backgroundMarked: [], backgroundUnmarked: ['Orange'] });
    expect(s.needs).toEqual({ train: false, export: true });
  });
});
