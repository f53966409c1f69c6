import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/api/export';
import { getValidationPhotoIds } from '../ml/versions/model-versions-repo';
import { importFruits } from '../../test-support/fruit-deck';
import { testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import { currentDeckModel, parityPhotos } from './deck-model';
import { fruitDeck, trainDeck } from '../../test-support/train-deck';

/**
 * The parity gate checks the photos a version was judged on, stored with the version, not a split
 * re-derived from the deck as it is at export time.
 */
describe('the photos the parity gate checks', () => {
  let t: TestCore;
  let deckId: number;
  let versionId: number;
  let valCount: number;

  beforeAll(async () => {
    t = await testCore();
    // 5 frames of each class with a 0.2 share: training holds out each class's 5th frame.
    deckId = await fruitDeck(t.core, 'Fruits', 5, ['Apple', 'Mango']);
    const run = await trainDeck(t.core, deckId, { epochs: 5, validationShare: 0.2 });
    versionId = run.versionId;
    valCount = run.metrics.valCount;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('are the validation photos training used, stored with the version', async () => {
    const photos = await t.core.api.listPhotos({ deckId });
    const classes = await t.core.api.listClasses({ deckId });
    const lastOfEachClass = classes.map((c) => Math.max(...photos.filter((p) => p.classId === c.id).map((p) => p.id)));
    const db = t.core.context.session.require().db;
    const stored = getValidationPhotoIds(db, versionId);
    expect(stored).toHaveLength(valCount);
    expect([...(stored ?? [])].sort((a, b) => a - b)).toEqual(lastOfEachClass.sort((a, b) => a - b));
  });

  it('stay the same after photos are added to the deck, in the gate itself too; older versions re-derive the split', async () => {
    const db = t.core.context.session.require().db;
    const before = parityPhotos(db, deckId, currentDeckModel(db, { id: deckId, name: 'Fruits' }));
    expect(before).toMatchObject({ validation: true });
    expect(before.photos).toHaveLength(2);

    // Frames 5-9 of each class: re-deriving the split now would hold out frames 8 and 9 instead.
    await importFruits(t.core, deckId, { classes: ['Apple', 'Mango'], from: 5, to: 10 });
    const model = currentDeckModel(db, { id: deckId, name: 'Fruits' });
    expect(model.versionId).toBe(versionId);
    expect(parityPhotos(db, deckId, model)).toEqual(before);

    const { jobId } = await t.core.api.startExport({ deckIds: [deckId], formats: ['tflite'] });
    const r = await waitForJob<ExportResult>(t.core, jobId);
    expect(r.parity).toMatchObject({ passed: true, photos: 2, comparisons: 2 });
    expect(r.parity?.photoSet).toBe('2 validation photos of Fruits (version 1)');

    // A version saved before the ids were kept (migration 005) falls back to re-deriving the split.
    const rederived = parityPhotos(db, deckId, { ...model, validationPhotoIds: null });
    expect(rederived.validation).toBe(true);
    expect(rederived.photos).toHaveLength(4);
    const heldOutThen = new Set(before.photos.map((p) => p.sha256));
    expect(rederived.photos.filter((p) => heldOutThen.has(p.sha256))).toEqual([]);
  });
});
