import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeaturesResult } from '../../shared/api/training';
import { stagingFolder } from '../export/export-folder';
import { importFruits } from '../../test-support/fruit-deck';
import { blobPath, thumbPath } from './paths';
import { ProjectStore } from './project-store';
import { FRUITS, runImport, testCore, waitForJob, type TestCore } from '../../test-support/test-core';

describe('the sweep when a project opens', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('removes temp files, files without rows and rows without files, purges deletes, rebuilds thumbnails', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const cls = await api.createClass({ deckId: deck.id, key: 'apple' });
    const files = fs
      .readdirSync(path.join(FRUITS, 'Apple'))
      .slice(0, 6)
      .map((f) => ({ path: path.join(FRUITS, 'Apple', f) }));
    await runImport(t.core, { deckId: deck.id, classId: cls.id, sources: files });
    const photos = await api.listPhotos({ deckId: deck.id });
    const dir = t.core.context.session.require().dir;
    const [gone, deleted, noThumb] = photos;
    await api.deletePhotos({ photoIds: [deleted.id] });
    await api.closeProject();

    fs.writeFileSync(path.join(dir, 'tmp', 'abc.partial'), 'half a photo');
    fs.rmSync(blobPath(dir, gone.sha256));
    fs.rmSync(thumbPath(dir, noThumb.sha256));
    const stray = blobPath(dir, 'ab'.repeat(32));
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'nobody points here');
    fs.writeFileSync(path.join(dir, 'thumbs', 'junk.webp'), 'x');

    await api.openProject({ dir });
    const report = t.core.context.session.require().sweepReport!;
    expect(report).toMatchObject({ tempFiles: 1, purgedDeleted: 1, rowsWithoutBlob: 1, thumbsRebuilt: 1 });
    // The deleted photo's blob and thumb, the stray blob, the missing blob's thumb, the junk file.
    expect(report.orphanBlobs).toBe(2);
    expect(report.orphanThumbs).toBe(3);
    const left = await api.listPhotos({ deckId: deck.id });
    expect(left.map((p) => p.id).sort()).toEqual(
      photos
        .slice(2)
        .map((p) => p.id)
        .sort(),
    );
    for (const p of left) {
      expect(fs.existsSync(blobPath(dir, p.sha256))).toBe(true);
      expect(fs.existsSync(thumbPath(dir, p.sha256))).toBe(true);
    }
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('keeps a blob another deck still uses', async () => {
    const { api } = t.core;
    const a = await api.createDeck({ name: 'A' });
    const b = await api.createDeck({ name: 'B' });
    const ca = await api.createClass({ deckId: a.id, key: 'x' });
    const cb = await api.createClass({ deckId: b.id, key: 'x' });
    const file = { path: path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple'))[0]) };
    await runImport(t.core, { deckId: a.id, classId: ca.id, sources: [file] });
    const rb = await runImport(t.core, { deckId: b.id, classId: cb.id, sources: [file] });
    expect(rb.imported).toBe(1);
    const [photo] = await api.listPhotos({ deckId: a.id });
    await api.deleteDeck({ deckId: a.id });
    const dir = t.core.context.session.require().dir;
    await api.closeProject();
    const store = await ProjectStore.open(dir);
    expect(store.sweepReport!.orphanBlobs).toBe(0);
    expect(fs.existsSync(blobPath(dir, photo.sha256))).toBe(true);
    store.close();
  });

  it('drops the cached features of purged photos, and keeps those of live ones and of content another deck still has', async () => {
    const { api } = t.core;
    const a = await api.createDeck({ name: 'A' });
    const b = await api.createDeck({ name: 'B' });
    await importFruits(t.core, a.id, { classes: ['Apple', 'Mango'], to: 2 });
    await importFruits(t.core, b.id, { classes: ['Apple'], to: 1 });
    // The mirrored and cropped views too: every variant of a purged photo must go.
    const features = await waitForJob<FeaturesResult>(t.core, (await api.startFeatureExtraction({ deckId: a.id, augmentation: true })).jobId);
    expect(features.failed).toEqual([]);
    const photos = await api.listPhotos({ deckId: a.id });
    expect(photos).toHaveLength(4);
    // Import reads several files at once, so ids do not follow file order: find the photos by content.
    const [inB] = await api.listPhotos({ deckId: b.id });
    const shared = photos.find((p) => p.sha256 === inB.sha256)!;
    expect(shared).toBeDefined();
    const onlyHere = photos.find((p) => p.classId !== shared.classId)!;

    const store = t.core.context.session.require();
    const dir = store.dir;
    const rowsOf = (db: typeof store.db, sha: string) =>
      (db.prepare('SELECT COUNT(*) AS n FROM embeddings WHERE sha256 = ?').get(sha) as { n: number }).n;
    const variants = rowsOf(store.db, onlyHere.sha256);
    expect(variants).toBeGreaterThan(1);
    for (const p of photos) expect(rowsOf(store.db, p.sha256)).toBe(variants);

    await api.deletePhotos({ photoIds: [shared.id, onlyHere.id] });
    // Soft-deleted photos can still be undone this session: their features stay until the project reopens.
    expect(rowsOf(store.db, onlyHere.sha256)).toBe(variants);
    await api.closeProject();

    await api.openProject({ dir });
    const reopened = t.core.context.session.require();
    expect(reopened.sweepReport).toMatchObject({ purgedDeleted: 2, orphanEmbeddings: variants });
    expect(rowsOf(reopened.db, onlyHere.sha256)).toBe(0);
    // Deck B still has the shared photo's content, and deck A's other photos are untouched.
    expect(rowsOf(reopened.db, shared.sha256)).toBe(variants);
    for (const p of await api.listPhotos({ deckId: a.id })) expect(rowsOf(reopened.db, p.sha256)).toBe(variants);
    expect(await api.getFeatureStatus({ deckId: a.id })).toMatchObject({ photos: 2, cached: 2, augmentedCached: 2 });
  });

  it('removes the hidden staging folder an export left when the studio stopped mid-export, and keeps finished exports', async () => {
    const { api } = t.core;
    const exportsDir = t.core.context.session.require().paths.exports;
    const dir = t.core.context.session.require().dir;
    // Named exactly as the exporter names them: a finished export, and one cut short while writing.
    const finished = path.join(exportsDir, '2025-03-14_101502-Fruits');
    fs.mkdirSync(path.join(finished, 'tfjs'), { recursive: true });
    fs.writeFileSync(path.join(finished, 'tfjs', 'model.json'), '{}');
    const cutShort = stagingFolder({ parent: exportsDir, target: path.join(exportsDir, '2025-03-14_103000-Fruits') });
    fs.mkdirSync(path.join(cutShort, 'tflite'));
    fs.writeFileSync(path.join(cutShort, 'tflite', 'Fruits.tflite'), 'half a model');
    expect(path.basename(cutShort)).toMatch(/^\.2025-03-14_103000-Fruits\.partial-/);
    // A teacher's own file that merely looks alike is not ours to delete.
    fs.writeFileSync(path.join(exportsDir, 'notes.partial-draft.txt'), 'mine');
    await api.closeProject();

    await api.openProject({ dir });
    expect(t.core.context.session.require().sweepReport!.partialExports).toBe(1);
    expect(fs.readdirSync(exportsDir).sort()).toEqual(['2025-03-14_101502-Fruits', 'notes.partial-draft.txt']);
    expect(fs.readFileSync(path.join(finished, 'tfjs', 'model.json'), 'utf8')).toBe('{}');
  });
});
