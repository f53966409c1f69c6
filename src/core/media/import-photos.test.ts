import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, thumbPath } from '../store/paths';
import { sha256Of } from './prepare-photo';
import { FRUITS, runImport, testCore, tempDir, type TestCore } from '../../test-support/test-core';

describe('importing the fruit photos', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('creates 6 classes of 40 photos, then finds all 240 already there', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const progress: number[] = [];
    t.core.events.on('job.progress', (p) => progress.push(p.done));
    let changed = 0;
    t.core.events.on('photos.changed', (e) => {
      if (e.deckId === deck.id) changed++;
    });

    const first = await runImport(t.core, { deckId: deck.id, sources: [{ path: FRUITS }] });
    expect(first.imported).toBe(240);
    expect(first.duplicates).toBe(0);
    expect(first.cancelled).toBe(false);
    expect(first.classesCreated.sort()).toEqual(['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate']);
    // A class made from a folder name has that name as its word in the teacher's own language.
    const home = (await api.getAppInfo()).project!.sourceLanguage;
    expect((await api.listClasses({ deckId: deck.id })).find((c) => c.key === 'Mango')?.words).toEqual({ [home]: 'Mango' });
    // The README and licence beside the class folders are refused as "not a picture", not crashed on.
    expect(first.refused.map((r) => r.code)).toEqual(['IMAGE_UNSUPPORTED', 'IMAGE_UNSUPPORTED']);
    expect(first.photoIds).toHaveLength(240);
    expect(progress.length).toBeGreaterThan(1);
    expect(changed).toBeGreaterThan(0);

    const classes = await api.listClasses({ deckId: deck.id });
    expect(classes.map((c) => [c.key, c.photoCount])).toEqual(['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'].map((k) => [k, 40]));

    const photos = await api.listPhotos({ deckId: deck.id });
    expect(photos).toHaveLength(240);
    const dir = t.core.context.session.require().dir;
    for (const p of photos.slice(0, 20)) {
      expect(p.width).toBe(1280);
      expect(p.height).toBe(720);
      expect(sha256Of(fs.readFileSync(blobPath(dir, p.sha256)))).toBe(p.sha256);
      expect(fs.statSync(thumbPath(dir, p.sha256)).size).toBeGreaterThan(0);
    }

    const again = await runImport(t.core, { deckId: deck.id, sources: [{ path: FRUITS }] });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(240);
    expect(again.classesCreated).toEqual([]);
    expect((await api.listPhotos({ deckId: deck.id })).length).toBe(240);
  });

  it('numbers the photos in the order of the files, though it decodes several at once', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const apple = await api.createClass({ deckId: deck.id, key: 'apple' });
    // Bursts of frames: training holds back each class's last photos, so ids must follow the frames.
    const frames = fs.readdirSync(path.join(FRUITS, 'Apple')).sort().slice(0, 12);
    await runImport(t.core, { deckId: deck.id, classId: apple.id, sources: frames.map((f) => ({ path: path.join(FRUITS, 'Apple', f) })) });
    const byId = (await api.listPhotos({ deckId: deck.id })).sort((a, b) => a.id - b.id);
    expect(byId.map((p) => p.originalName)).toEqual(frames);
  });

  it('puts dropped files into the class they were dropped on, and refuses loose files on the deck', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const apple = await api.createClass({ deckId: deck.id, key: 'apple', words: { fr: 'pomme' } });
    const mangoFiles = fs
      .readdirSync(path.join(FRUITS, 'Mango'))
      .slice(0, 3)
      .map((f) => path.join(FRUITS, 'Mango', f));

    const onClass = await runImport(t.core, { deckId: deck.id, classId: apple.id, sources: mangoFiles.map((p) => ({ path: p })) });
    expect(onClass.imported).toBe(3);
    expect((await api.listPhotos({ deckId: deck.id, classId: apple.id })).length).toBe(3);

    const loose = fs
      .readdirSync(path.join(FRUITS, 'Orange'))
      .slice(0, 2)
      .map((f) => ({ path: path.join(FRUITS, 'Orange', f) }));
    const onDeck = await runImport(t.core, { deckId: deck.id, sources: loose });
    expect(onDeck.imported).toBe(0);
    expect(onDeck.refused).toHaveLength(2);
    expect(onDeck.refused[0].code).toBe('INVALID_ARGUMENT');
    expect(onDeck.refused[0].reason).toMatch(/class/);

    // A browser drop names the class by relativePath; case-insensitive match on the existing key.
    const rel = await runImport(t.core, {
      deckId: deck.id,
      sources: [{ path: path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple'))[0]), relativePath: 'APPLE/a.jpg' }],
    });
    expect(rel.imported).toBe(1);
    expect(rel.classesCreated).toEqual([]);
    expect((await api.listPhotos({ deckId: deck.id, classId: apple.id })).length).toBe(4);
  });

  it('judges type by content, not by extension', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'D' });
    const cls = await api.createClass({ deckId: deck.id, key: 'x' });
    const dir = tempDir();
    const jpeg = path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple'))[0]);
    fs.copyFileSync(jpeg, path.join(dir, 'photo.txt'));
    fs.writeFileSync(path.join(dir, 'fake.jpg'), 'not a picture at all');
    const report = await runImport(t.core, { deckId: deck.id, classId: cls.id, sources: [{ path: dir }] });
    expect(report.imported).toBe(1);
    expect(report.refused.map((r) => [path.basename(r.file), r.code])).toEqual([['fake.jpg', 'IMAGE_UNSUPPORTED']]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops between files when cancelled and reports what was done', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const { jobId } = await api.startImport({ deckId: deck.id, sources: [{ path: FRUITS }] });
    const report = await new Promise<unknown>((resolve) => {
      t.core.events.on('job.progress', (p) => {
        if (p.jobId === jobId && p.done >= 10) void api.cancelJob({ jobId });
      });
      t.core.events.on('job.finished', (e) => e.jobId === jobId && resolve(e.result));
    });
    const r = report as { imported: number; cancelled: boolean; photoIds: number[] };
    expect(r.cancelled).toBe(true);
    expect(r.imported).toBeLessThan(240);
    expect((await api.listPhotos({ deckId: deck.id })).length).toBe(r.imported);
  });
});
