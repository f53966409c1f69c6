import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, thumbPath } from './paths';
import { ProjectStore } from './project-store';
import { FRUITS, runImport, testCore, type TestCore } from './test-helpers';

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
    const files = fs.readdirSync(path.join(FRUITS, 'Apple')).slice(0, 6).map((f) => ({ path: path.join(FRUITS, 'Apple', f) }));
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
    expect(left.map((p) => p.id).sort()).toEqual(photos.slice(2).map((p) => p.id).sort());
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
});
