import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/api/doctor';
import { findingTitle } from '../../shared/doctor-wording';
import { fruitSources } from '../../test-support/fruits';
import { runImport, testCore, waitForJob, type TestCore } from '../../test-support/test-core';

/**
 * Photo counts in the deck doctor, on real fruit photos: a new deck with a few photos of each word
 * is not a problem to list (Train says when a word has too few to learn from); a word left far
 * behind the others is, whatever the deck's size.
 */
describe('the deck doctor on a small deck', () => {
  let t: TestCore;
  let deckId: number;
  const check = async () => waitForJob<DoctorReport>(t.core, (await t.core.api.startDoctor({ deckId })).jobId);

  beforeAll(async () => {
    t = await testCore();
    deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 4) });
  });
  afterAll(() => t.dispose());

  it('lists only the real copy on 4 photos of each word, not the words themselves', async () => {
    const report = await check();
    expect(report.photoCount).toBe(8);
    // Orange's 3rd and 4th frames are the same picture (the camera and the fruit stood still).
    expect(report.findings.map((f) => [f.kind, f.photos.map((p) => `${p.classKey}/${p.file}`)])).toEqual([
      ['duplicate', ['Orange/16072019-163758.jpg', 'Orange/16072019-163759.jpg']],
    ]);
  });

  it('names a word left far behind the others, with its count', async () => {
    await runImport(t.core, { deckId, sources: fruitSources(['Apple'], 4, 12) });
    const report = await check();
    expect(report.photoCount).toBe(16);
    const behind = report.findings.filter((f) => f.kind === 'imbalance');
    expect(behind.map((f) => [f.classKey, f.count, findingTitle(f)])).toEqual([
      ['Orange', 4, '“Orange” has only 4 photos, far fewer than the other words'],
    ]);
  });
});
