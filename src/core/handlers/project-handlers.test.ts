import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRUITS, runImport, testCore, type TestCore } from '../../test-support/test-core';

describe('project handlers', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore({ project: false });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('answer NO_PROJECT_OPEN before a project is open, and report the app state', async () => {
    const { api } = t.core;
    await expect(api.listDecks()).rejects.toMatchObject({ code: 'NO_PROJECT_OPEN' });
    const info = await api.getAppInfo();
    expect(info).toMatchObject({ project: null, recent: [], projectsDir: path.join(t.tmp, 'projects') });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('support the curation a teacher does: decks, classes, words, move, delete and undo', async () => {
    const { api, events } = t.core;
    const project = await api.createProject({ name: 'Curate', languages: ['en', 'fr', 'es'] });
    const deck = await api.createDeck({ name: 'Fruits' });
    await expect(api.createDeck({ name: 'fruits' })).rejects.toMatchObject({ code: 'DECK_EXISTS' });
    const apple = await api.createClass({ deckId: deck.id, key: 'apple', words: { fr: 'pomme', es: 'manzana' } });
    const pear = await api.createClass({ deckId: deck.id, key: 'pear' });
    await expect(api.createClass({ deckId: deck.id, key: 'APPLE' })).rejects.toMatchObject({ code: 'CLASS_EXISTS' });
    await expect(api.createClass({ deckId: deck.id, key: 'x', words: { de: 'Apfel' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    const files = fs
      .readdirSync(path.join(FRUITS, 'Apple'))
      .slice(0, 6)
      .map((f) => ({ path: path.join(FRUITS, 'Apple', f) }));
    const report = await runImport(t.core, { deckId: deck.id, classId: apple.id, sources: files });
    expect(report.imported).toBe(6);

    const changes: number[] = [];
    events.on('photos.changed', (e) => changes.push(e.deckId));
    const [p1, p2, p3] = report.photoIds;
    await api.movePhotos({ photoIds: [p1, p2], classId: pear.id });
    expect((await api.listPhotos({ deckId: deck.id, classId: pear.id })).map((p) => p.id)).toEqual([p1, p2]);

    const { undoToken, count } = await api.deletePhotos({ photoIds: [p2, p3] });
    expect(count).toBe(2);
    expect((await api.listPhotos({ deckId: deck.id })).length).toBe(4);
    expect((await api.listClasses({ deckId: deck.id })).map((c) => c.photoCount)).toEqual([3, 1]);
    expect(await api.undoDelete({ undoToken })).toEqual({ count: 2 });
    expect((await api.listPhotos({ deckId: deck.id })).length).toBe(6);
    await expect(api.undoDelete({ undoToken })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(changes.length).toBe(3);

    const renamed = await api.updateClass({ classId: apple.id, key: 'red apple', words: { fr: 'pomme rouge', es: '' } });
    expect(renamed).toMatchObject({ key: 'red apple', words: { fr: 'pomme rouge' }, photoCount: 4 });
    await expect(api.updateClass({ classId: apple.id, key: 'Pear' })).rejects.toMatchObject({ code: 'CLASS_EXISTS' });
    expect((await api.renameDeck({ deckId: deck.id, name: 'Fruit' })).name).toBe('Fruit');

    // Languages: adding one lets words in it be written; words survive a language being dropped and re-added.
    expect((await api.updateLanguages({ languages: ['en', 'fr', 'es', 'de'] })).targetLanguages).toEqual(['fr', 'es', 'de']);
    await api.updateClass({ classId: pear.id, words: { de: 'Birne' } });
    await api.updateLanguages({ languages: ['en', 'fr'] });
    expect((await api.listClasses({ deckId: deck.id }))[1].words).toEqual({ en: 'pear' });
    await api.updateLanguages({ languages: ['en', 'fr', 'de'] });
    expect((await api.listClasses({ deckId: deck.id }))[1].words).toEqual({ en: 'pear', de: 'Birne' });

    // Everything is still there after closing and reopening; a delete left pending is final then.
    await api.deletePhotos({ photoIds: [p1] });
    await api.closeProject();
    await expect(api.listDecks()).rejects.toMatchObject({ code: 'NO_PROJECT_OPEN' });
    await api.openProject({ dir: project.dir });
    const decks = await api.listDecks();
    expect(decks).toMatchObject([{ name: 'Fruit', classCount: 2, photoCount: 5 }]);
    expect((await api.getAppInfo()).recent[0]).toMatchObject({ dir: project.dir, exists: true });

    await api.deleteClass({ classId: pear.id });
    expect((await api.listPhotos({ deckId: deck.id })).length).toBe(4);
    await api.deleteDeck({ deckId: deck.id });
    expect(await api.listDecks()).toEqual([]);
  });

  it('refuse moving photos into another deck', async () => {
    const { api } = t.core;
    await api.createProject({ name: 'Two', languages: ['en'] });
    const a = await api.createDeck({ name: 'A' });
    const b = await api.createDeck({ name: 'B' });
    const ca = await api.createClass({ deckId: a.id, key: 'x' });
    const cb = await api.createClass({ deckId: b.id, key: 'x' });
    const file = { path: path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple'))[0]) };
    const r = await runImport(t.core, { deckId: a.id, classId: ca.id, sources: [file] });
    await expect(api.movePhotos({ photoIds: r.photoIds, classId: cb.id })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.movePhotos({ photoIds: [999], classId: ca.id })).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND' });
  });
});
