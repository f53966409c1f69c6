import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeaturesResult } from '../../shared/api/training';
import { fruitSources } from '../../test-support/fruits';
import { FIXTURES, runImport, testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import { blobPath } from '../store/paths';

/**
 * A photo's stored file damaged after its import (a project folder copied by USB, a failing disk):
 * the teacher must be able to find it and to mend it with the original.
 */
describe('a photo whose stored file was damaged', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await testCore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  const features = async (deckId: number) => waitForJob<FeaturesResult>(t.core, (await t.core.api.startFeatureExtraction({ deckId })).jobId);

  it('is marked on its tile, and is whole again once deleted and added again from its original file', async () => {
    const { api } = t.core;
    const deckId = (await api.createDeck({ name: 'Fruits' })).id;
    const sources = fruitSources(['Apple'], 0, 2);
    await runImport(t.core, { deckId, sources });
    const { dir } = (await api.getAppInfo()).project!;
    const [damaged, fine] = await api.listPhotos({ deckId });
    const blob = blobPath(dir, damaged.sha256);
    const original = fs.readFileSync(blob);
    fs.chmodSync(blob, 0o644);
    fs.copyFileSync(path.join(FIXTURES, 'misc/truncated_jpeg.jpg'), blob);

    expect((await features(deckId)).failed.map((f) => f.photoId)).toEqual([damaged.id]);
    const listed = await api.listPhotos({ deckId });
    expect(listed.find((p) => p.id === damaged.id)?.unreadable).toMatch(/damaged/);
    expect(listed.find((p) => p.id === fine.id)?.unreadable).toBeUndefined();

    // What its tile advises: delete it, then add the photo again from the file it came from.
    await api.deletePhotos({ photoIds: [damaged.id] });
    const source = sources.find((s) => path.basename(s.path) === damaged.originalName)!;
    const report = await runImport(t.core, { deckId, sources: [source] });
    expect(report.imported).toBe(1);
    expect(fs.readFileSync(blob).equals(original)).toBe(true);
    expect((await api.listPhotos({ deckId })).every((p) => p.unreadable === undefined)).toBe(true);
    expect((await features(deckId)).failed).toEqual([]);
  });
});
