import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/api/doctor';
import { runImport, tempDir, testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import { folderSources, makeFaultyFolder } from '../../test-support/faulty-deck';

/**
 * "Keep and stop flagging" is stored with the project: a kept finding stays hidden in later checks
 * and after the project is closed and opened again, and can be brought back. Checks here use only
 * cached features (none), as the checks that run by themselves after an import do.
 */
describe('the deck doctor remembers kept findings', () => {
  let t: TestCore;
  let deckId: number;
  let folder: string;
  const check = async () => waitForJob<DoctorReport>(t.core, (await t.core.api.startDoctor({ deckId, computeFeatures: false })).jobId);

  beforeAll(async () => {
    t = await testCore();
    folder = tempDir('magritte-doctor-keep-');
    await makeFaultyFolder(folder, { frames: 10, kinds: ['dark'] });
    deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    await runImport(t.core, { deckId, sources: folderSources(folder).filter((s) => /^(Apple|Orange)\//.test(s.relativePath)) });
  });
  afterAll(async () => {
    await t.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('hides a kept finding in later checks and after reopening, until it is brought back', async () => {
    const first = await check();
    expect(first.withoutFeatures).toBe(first.photoCount);
    const dark = first.findings.filter((f) => f.kind === 'dark');
    expect(dark.map((f) => f.photos[0].file).sort()).toEqual(['dark-Apple.jpg', 'dark-Orange.jpg']);
    const kept = dark.find((f) => f.photos[0].file === 'dark-Apple.jpg')!;

    const afterKeep = await t.core.api.keepFinding({ deckId, key: kept.key });
    expect(afterKeep?.findings.some((f) => f.key === kept.key)).toBe(false);
    expect(afterKeep?.kept).toBe(1);
    expect((await check()).findings.some((f) => f.key === kept.key)).toBe(false);

    const dir = (await t.core.api.getAppInfo()).project!.dir;
    await t.core.api.closeProject();
    await t.core.api.openProject({ dir: path.resolve(dir) });
    const reopened = await t.core.api.getDoctorReport({ deckId });
    expect(reopened?.findings.some((f) => f.key === kept.key)).toBe(false);
    const again = await check();
    expect(again.findings.filter((f) => f.kind === 'dark').map((f) => f.photos[0].file)).toEqual(['dark-Orange.jpg']);
    expect(again.kept).toBe(1);

    const back = await t.core.api.unkeepFinding({ deckId, key: kept.key });
    expect(back?.findings.some((f) => f.key === kept.key)).toBe(true);
  });

  it('refuses a deck that does not exist with a plain message', async () => {
    await expect(t.core.api.startDoctor({ deckId: 9999 })).rejects.toMatchObject({ code: 'DECK_NOT_FOUND' });
  });
});
